// `crucible doctor` with the openai provider: exactly one small streamed request to the configured base URL,
// with the configured model, seen by the loopback Chat Completions server; and the fix when nothing answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reply, startChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

type Report = { ok: boolean; checks: { name: string; ok: boolean; detail: string; fix?: string }[] };

async function useOpenAI(dir: string, model: Record<string, unknown>): Promise<void> {
  const path = join(dir, '.crucible', 'config.json');
  const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...config, model: { provider: 'openai', ...model } }));
}

async function modelCheck(dir: string): Promise<Report['checks'][number] | undefined> {
  const result = await cli(dir, 'doctor', '--json');
  return (JSON.parse(result.stdout) as Report).checks.find((c) => c.name === 'model');
}

test('doctor makes exactly one streamed request to model.baseUrl with model.defaultModel', async () => {
  const { dir, cleanup } = await tempDir();
  const server = await startChatLoopbackServer({ replies: [reply.text('ok', { usage: { input_tokens: 12, output_tokens: 1 } })] });
  try {
    assert.equal((await cli(dir, 'init')).code, 0);
    await useOpenAI(dir, {
      defaultModel: 'qwen2.5-coder:7b',
      baseUrl: server.baseURL,
      pricing: { 'qwen2.5-coder:7b': { inputPerMTok: 0, outputPerMTok: 0 } },
    });
    const check = await modelCheck(dir);
    assert.equal(check?.ok, true, JSON.stringify(check));
    assert.match(
      check?.detail ?? '',
      new RegExp(`^openai qwen2\\.5-coder:7b at ${server.baseURL}: answered in \\d+ ms, cost \\$0\\.000000$`),
    );
    assert.equal(server.requests.length, 1);
    const [request] = server.requests;
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.body.model, 'qwen2.5-coder:7b');
    assert.equal(request?.body.stream, true);
    assert.equal(request?.body.max_tokens, 16);
    assert.equal(await request?.closed, 'completed');
  } finally {
    await server.close();
    await cleanup();
  }
});

test('doctor with the openai provider and no server: a failed check that says how to start or point at one', async () => {
  const { dir, cleanup } = await tempDir();
  const gone = await startChatLoopbackServer();
  await gone.close();
  try {
    assert.equal((await cli(dir, 'init')).code, 0);
    await useOpenAI(dir, { defaultModel: 'llama3.1', baseUrl: gone.baseURL, retries: { maxRetries: 0 } });
    const check = await modelCheck(dir);
    assert.equal(check?.ok, false);
    assert.match(check?.detail ?? '', /^openai llama3\.1: could not reach the OpenAI-compatible API/);
    assert.match(check?.fix ?? '', /start the server at model\.baseUrl/);
  } finally {
    await cleanup();
  }
});

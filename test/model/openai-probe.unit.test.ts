// The doctor's model check with the openai provider, in-process: the request it makes, and the fix with no key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseModelConfig } from '../../src/model/config.js';
import { reply, startChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { probeModel } from '../../src/model/probe.js';

const root = fileURLToPath(new URL('.', import.meta.url));

test('OPENAI_BASE_URL is used when model.baseUrl is not set; an unpriced model has an unknown cost', async () => {
  const server = await startChatLoopbackServer({ replies: [reply.text('ok')] });
  try {
    const probe = await probeModel({
      config: parseModelConfig({ provider: 'openai', defaultModel: 'llama3.1' }),
      root,
      env: { OPENAI_BASE_URL: server.baseURL },
    });
    assert.ok(probe.ok);
    if (!probe.ok) return;
    assert.equal(probe.baseURL, server.baseURL);
    assert.equal(probe.costUsd, null);
    assert.match(probe.costWarning ?? '', /no price known for model "llama3\.1"/);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.headers['authorization'], 'Bearer no-key', 'a local server needs no key');
  } finally {
    await server.close();
  }
});

test("OpenAI's own API without OPENAI_API_KEY: how to set it, or to use a local server instead", async () => {
  const probe = await probeModel({ config: parseModelConfig({ provider: 'openai', defaultModel: 'gpt-x' }), root, env: {} });
  assert.ok(!probe.ok);
  if (probe.ok) return;
  assert.match(probe.reason, /OPENAI_API_KEY is not set/);
  assert.match(probe.fix, /export OPENAI_API_KEY=.*model\.baseUrl/);
});

test('model.baseUrl must be an http(s) URL', () => {
  assert.throws(() => parseModelConfig({ provider: 'openai', baseUrl: 'localhost:11434' }), /model\.baseUrl/);
});

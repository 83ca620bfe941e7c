// The offline demo through the OpenAI-compatible provider: the real `openai` client against the loopback
// Chat Completions server, tool calls on the wire, usage in the record; and a run configured with
// `"provider": "openai"` whose key (from OPENAI_API_KEY) is sent to the server and never stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chatScriptHandler } from '../../src/model/openai-loopback-script.js';
import { startChatLoopbackServer, type ChatReply } from '../../src/model/openai-loopback-server.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import { DEMO_GOAL, DEMO_SCRIPT, LOCAL_DEMO_MODEL, prepareDemoProject } from '../../src/runtime/demo.js';
import { cli, cliJson, loggedEvents } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

// This file runs in its own process: the record's redactor reads the environment on first use.
const KEY = 'sk-proj-crucibleTest0123456789abcdef';
process.env['OPENAI_API_KEY'] = KEY;

interface DemoJson {
  dir: string;
  summary: { state: string; usage: { costUsd: number | null; totalTokens: number } };
  tasks: { id: string; status: string }[];
  judgments: { id: string; answer: string | null; decisionId: string | null }[];
}

async function usageOf(dir: string) {
  const usage = (await loggedEvents(dir)).filter((e) => e.type === 'model.usage').map((e) => e.data);
  assert.ok(usage.length >= 10, `a usage event per turn (${usage.length})`);
  return usage;
}

test('crucible demo --model openai-mock: the demo through OpenAIModel and a loopback Chat Completions server, usage recorded', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(dir, 'demo', '--model', 'openai-mock', '--dir', join(dir, 'strkit'));
    assert.equal(demo.summary.state, 'done');
    assert.deepEqual(
      demo.tasks.map((t) => `${t.id}:${t.status}`),
      ['T-1:done', 'T-2:done', 'T-3:done'],
    );
    assert.ok(demo.judgments.find((j) => j.id === 'J-1')?.decisionId, 'the judgment became a decision');
    // The local model is priced at zero in the demo's config, so its cost is known to be $0, not unknown.
    assert.equal(demo.summary.usage.costUsd, 0);
    assert.ok(demo.summary.usage.totalTokens > 0);
    for (const usage of await usageOf(demo.dir)) {
      assert.equal(usage['model'], LOCAL_DEMO_MODEL);
      assert.equal(usage['costUsd'], 0);
      assert.ok(Number(usage['inputTokens']) > 0 && Number(usage['outputTokens']) > 0);
    }
  } finally {
    await cleanup();
  }
});

test('"provider": "openai": Chat Completions with tool calls, malformed arguments recovered, the key never stored', async () => {
  const { dir, cleanup } = await tempDir();
  const inner = chatScriptHandler(await ScriptedModel.fromFile(DEMO_SCRIPT));
  // The "model" first sends arguments that are not JSON (the script's cursor does not move), then repeats
  // the key it was given in a requirement's text: the record must not keep it.
  const malformed: ChatReply = {
    kind: 'message',
    content: [{ type: 'tool_use', name: 'add_requirement', rawInput: '{"text": "unfinis', id: 'call_bad' }],
  };
  const leaky = async (request: Parameters<typeof inner>[0]): Promise<ChatReply> =>
    request.index === 0
      ? malformed
      : (JSON.parse(JSON.stringify(await inner(request)).replace('of every word', `of every word (key ${KEY})`)) as ChatReply);
  const server = await startChatLoopbackServer({ handler: leaky });
  try {
    const root = await prepareDemoProject(join(dir, 'strkit'));
    const configPath = join(root, '.crucible', 'config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8')) as { model: Record<string, unknown> };
    config.model = { provider: 'openai', defaultModel: 'qwen2.5-coder:7b', baseUrl: server.baseURL };
    await writeFile(configPath, JSON.stringify(config));

    const run = await cli(root, 'run', '--goal', DEMO_GOAL, '--auto-answer', 'first', '--json');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(server.requests.length >= 10);
    for (const request of server.requests) {
      assert.equal(request.body.model, 'qwen2.5-coder:7b');
      assert.equal(request.headers['authorization'], `Bearer ${KEY}`);
    }
    const answer = server.requests[1]?.body.messages.find((m) => m.role === 'tool');
    assert.equal(answer?.role === 'tool' && answer.tool_call_id, 'call_bad');
    assert.match(String(answer?.content), /^Error: .*not valid JSON/, 'the malformed call is answered with an error the model can correct');
    const roles = server.requests.flatMap((r) => r.body.messages.map((m) => m.role));
    assert.ok(roles.includes('tool'), 'tool results went back as tool messages');
    assert.ok(
      server.requests.some((r) => r.body.messages.some((m) => m.role === 'assistant' && (m.tool_calls?.length ?? 0) > 0)),
      'tool calls went back as the assistant turn',
    );

    // No price for the model: its cost is unknown (null), never $0.
    const usage = await usageOf(root);
    assert.ok(usage.every((u) => u['model'] === 'qwen2.5-coder:7b' && u['costUsd'] === null));
    const log = (await cli(root, 'log', '--limit', '100000', '--json')).stdout;
    assert.match(log, /capitalizes the first letter of every word \(key \[redacted\]\)/);
    assert.ok(!log.includes(KEY));
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY));
    for (const file of await readdir(join(root, '.crucible'), { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const bytes = await readFile(join(file.parentPath, file.name));
      assert.ok(!bytes.includes(KEY), `${file.name} holds the key`);
    }
  } finally {
    await server.close();
    await cleanup();
  }
});

// The model check behind `crucible doctor`, against the loopback server through the real SDK.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { reply, startMockAnthropicServer, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import { parseModelConfig } from '../../src/model/config.js';
import { createModelClient } from '../../src/model/factory.js';
import { probeModel } from '../../src/model/probe.js';
import { collectTurn } from '../../src/model/turn.js';
import { TEST_KEY } from './support.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer();
});
after(() => server.close());

const root = fileURLToPath(new URL('.', import.meta.url));

test('a reachable model reports latency, tokens and cost from one small streamed request', async () => {
  server.enqueue(reply.text('ok'));
  const probe = await probeModel({
    config: parseModelConfig({ retries: { maxRetries: 0 } }),
    root,
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url },
  });
  assert.ok(probe.ok);
  if (!probe.ok) return;
  assert.equal(probe.model, 'claude-sonnet-5-5');
  assert.ok(probe.latencyMs >= 0 && probe.firstTokenMs !== null);
  assert.ok(probe.tokens.outputTokens > 0);
  assert.ok(probe.costUsd !== null && probe.costUsd > 0);
  const sent = server.requests.at(-1)?.body;
  assert.equal(sent?.max_tokens, 16);
  assert.equal(sent?.stream, true);
});

test('with no key it says how to set one and that the offline demo needs none', async () => {
  const probe = await probeModel({ config: parseModelConfig({}), root, env: {} });
  assert.ok(!probe.ok);
  if (probe.ok) return;
  assert.match(probe.reason, /ANTHROPIC_API_KEY is not set/);
  assert.match(probe.fix, /export ANTHROPIC_API_KEY=/);
  assert.match(probe.fix, /offline demo .* needs no key/);
});

test('a rejected key is a failed check with the fix, and the key is not echoed', async () => {
  server.enqueue(reply.error(401, { message: `bad key ${TEST_KEY}` }));
  const probe = await probeModel({
    config: parseModelConfig({ retries: { maxRetries: 0 } }),
    root,
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url },
  });
  assert.ok(!probe.ok);
  if (probe.ok) return;
  assert.ok(!probe.reason.includes(TEST_KEY));
  assert.match(probe.fix, /valid, active key/);
});

test('the scripted provider is offline: the script loads and nothing is spent', async () => {
  const probe = await probeModel({
    config: parseModelConfig({ provider: 'scripted', script: 'fixtures/gate-script.yaml' }),
    root,
    env: {},
  });
  assert.ok(probe.ok && probe.provider === 'scripted' && probe.costUsd === 0);
});

test('the offline mock path: a placeholder key and the loopback URL, no environment needed', async () => {
  server.enqueue(reply.text('ok'));
  const client = await createModelClient(parseModelConfig({}), { root, env: {}, baseURL: server.url, apiKey: 'mock' });
  const outcome = await collectTurn(client.stream({ system: { stable: 'x' }, messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 }));
  assert.ok(outcome.ok && outcome.text === 'ok');
  assert.equal(server.requests.at(-1)?.headers['authorization'], 'Bearer mock');
});

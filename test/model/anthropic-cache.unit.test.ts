// Prompt caching and configuration through the real SDK: where cache_control goes on the wire,
// that repeated turns read the cached prefix, and that the environment is honoured.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startMockAnthropicServer, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import { AnthropicModel } from '../../src/model/anthropic.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { buildPriceTable, estimateCost } from '../../src/model/pricing.js';
import { TEST_KEY, claimTool, modelFor, run, turn } from './support.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer({ fallback: reply.text('ok') });
});
after(() => server.close());

const stable = 'You are the implementer. '.repeat(200);
const pinned = [
  { role: 'user' as const, content: 'Context pack: requirement R-1, decision D-3, files src/a.ts.' },
  { role: 'assistant' as const, content: 'Understood.' },
];

test('cache_control marks the stable prefix: tools, stable system, pinned context, conversation', async () => {
  const second = { name: 'complete_task', description: 'Complete a task with evidence.', inputSchema: { type: 'object' as const } };
  await run(
    modelFor(server),
    turn({
      system: { stable, volatile: 'Task T-1 is claimed.' },
      tools: [claimTool, second],
      messages: [...pinned, { role: 'user', content: 'Go.' }],
      pinnedMessages: 2,
    }),
  );
  const body = server.requests.at(-1)?.body;
  assert.ok(body);
  const ephemeral = { type: 'ephemeral' };
  assert.deepEqual(
    body.tools?.map((t) => ('cache_control' in t ? t.cache_control : undefined)),
    [undefined, ephemeral],
  );
  assert.ok(Array.isArray(body.system));
  assert.deepEqual(body.system, [
    { type: 'text', text: stable, cache_control: ephemeral },
    { type: 'text', text: 'Task T-1 is claimed.' },
  ]);
  assert.deepEqual(body.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Understood.', cache_control: ephemeral }] });
  assert.deepEqual(body.messages[2], { role: 'user', content: [{ type: 'text', text: 'Go.', cache_control: ephemeral }] });
  assert.equal(body.messages[0]?.content, pinned[0]?.content, 'only the last pinned message carries the breakpoint');
  const breakpoints = JSON.stringify(body).split('"cache_control"').length - 1;
  assert.ok(breakpoints <= 4, `at most four breakpoints, got ${breakpoints}`);
});

test('cached-prefix turns show cache-read tokens', async () => {
  const model = modelFor(server, { cache: { conversation: false } });
  const request = turn({
    system: { stable: `${stable} (cache test)` },
    messages: [...pinned, { role: 'user', content: 'Step 1.' }],
    pinnedMessages: 2,
  });
  const first = await run(model, request);
  const second = await run(model, { ...request, messages: [...pinned, { role: 'user', content: 'Step 2, a different question.' }] });
  assert.ok(first.ok && second.ok);
  assert.ok(first.message.usage.cacheCreationTokens > 1000, 'the first turn writes the prefix');
  assert.equal(first.message.usage.cacheReadTokens, 0);
  assert.equal(second.message.usage.cacheReadTokens, first.message.usage.cacheCreationTokens);
  assert.equal(second.message.usage.cacheCreationTokens, 0);
  assert.ok(second.message.usage.inputTokens > 0, 'the part after the prefix is plain input');
  const usage = second.events.find((e) => e.type === 'usage');
  assert.ok(usage?.type === 'usage' && usage.usage.cacheReadTokens > 0);
});

test('a 1h cache TTL goes on the wire and its writes are priced as 1h writes', async () => {
  const model = modelFor(server, { cache: { ttl: '1h', conversation: false } });
  const outcome = await run(model, turn({ system: { stable: `${stable} (1h)` } }));
  assert.ok(outcome.ok);
  const body = server.requests.at(-1)?.body;
  assert.ok(Array.isArray(body?.system));
  assert.deepEqual(body.system[0]?.cache_control, { type: 'ephemeral', ttl: '1h' });
  const usage = outcome.message.usage;
  assert.ok(usage.cacheCreation1hTokens > 0);
  assert.equal(usage.cacheCreation1hTokens, usage.cacheCreationTokens);
  const cost = estimateCost('claude-sonnet-5-5', usage, buildPriceTable());
  const expected = (usage.inputTokens * 2 + usage.cacheCreationTokens * 4 + usage.cacheReadTokens * 0.2 + usage.outputTokens * 10) / 1e6;
  assert.ok(cost.usd !== null && Math.abs(cost.usd - expected) < 1e-12);
});

test('ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY are read from the environment', async () => {
  const model = new AnthropicModel({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: TEST_KEY }, retry: { maxRetries: 0 } });
  assert.equal(model.baseURL, server.url);
  const outcome = await run(model, turn({ model: 'claude-haiku-4-5' }));
  assert.ok(outcome.ok);
  const request = server.requests.at(-1);
  assert.equal(request?.headers['authorization'], `Bearer ${TEST_KEY}`);
  assert.equal(request?.body.model, 'claude-haiku-4-5');
  assert.equal(request?.body.stream, true);
  assert.ok(request?.headers['anthropic-version'], 'the SDK sets the API version');
});

test('no key is a usage error that says how to set one and that the offline demo needs none', () => {
  assert.throws(
    () => new AnthropicModel({ env: {} }),
    (err: unknown) =>
      err instanceof CrucibleError &&
      err.code === 'model.no_api_key' &&
      err.exitCode === 2 &&
      /ANTHROPIC_API_KEY/.test(err.oneLine()) &&
      /scripted model/.test(err.oneLine()),
  );
});

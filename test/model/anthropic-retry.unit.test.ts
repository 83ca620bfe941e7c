// Retries through the real SDK: what is retried, after how long, and how giving up looks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startMockAnthropicServer, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import { AnthropicModel } from '../../src/model/anthropic.js';
import { TEST_KEY, modelFor, recordingSleep, run } from './support.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer();
});
after(() => server.close());

test('a 429 with retry-after is retried after the time the server asked for, then succeeds', async () => {
  const waits = recordingSleep();
  const start = server.requests.length;
  server.enqueue(
    reply.error(429, { retryAfter: '2', message: 'Number of request tokens has exceeded your rate limit' }),
    reply.text('done'),
  );
  const outcome = await run(modelFor(server, { sleep: waits.sleep }));
  assert.ok(outcome.ok);
  assert.equal(outcome.text, 'done');
  assert.deepEqual(waits.delays, [2000]);
  assert.equal(server.requests.length - start, 2);
  const retry = outcome.events.find((e) => e.type === 'retry');
  assert.ok(retry?.type === 'retry');
  assert.equal(retry.attempt, 1);
  assert.equal(retry.delayMs, 2000);
  assert.equal(retry.error.kind, 'rate_limited');
  assert.equal(retry.error.status, 429);
});

test('repeated 500s end in one clear error event, not a crash', async () => {
  const waits = recordingSleep();
  const start = server.requests.length;
  server.enqueue(...Array.from({ length: 4 }, () => reply.error(500, { message: 'Internal server error' })));
  const model = modelFor(server, { sleep: waits.sleep, retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 250 } });
  const outcome = await run(model);
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(server.requests.length - start, 4);
  assert.deepEqual(waits.delays, [100, 200, 250], 'exponential backoff, capped (jitter fixed at 0 here)');
  assert.equal(outcome.events.filter((e) => e.type === 'turn.failed').length, 1);
  assert.equal(outcome.events.filter((e) => e.type === 'retry').length, 3);
  assert.deepEqual(
    { kind: outcome.error.kind, status: outcome.error.status, attempts: outcome.error.attempts, retryable: outcome.error.retryable },
    { kind: 'server_error', status: 500, attempts: 4, retryable: true },
  );
  assert.equal(outcome.error.message, 'Anthropic API error 500 (api_error): Internal server error');
});

test('529 overloaded and 408 are retried; jitter takes off up to a quarter', async () => {
  const waits = recordingSleep();
  server.enqueue(reply.error(529, { message: 'Overloaded' }), reply.error(408), reply.text('ok'));
  const model = modelFor(server, { sleep: waits.sleep, random: () => 0.5, retry: { baseDelayMs: 1000, maxDelayMs: 10_000 } });
  const outcome = await run(model);
  assert.ok(outcome.ok);
  const kinds = outcome.events.flatMap((e) => (e.type === 'retry' ? [e.error.kind] : []));
  assert.deepEqual(kinds, ['overloaded', 'timeout']);
  assert.deepEqual(waits.delays, [875, 1750]);
});

test('a 400 is not retried and says what was wrong', async () => {
  const start = server.requests.length;
  server.enqueue(reply.error(400, { message: 'messages: roles must alternate' }));
  const outcome = await run(modelFor(server));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(server.requests.length - start, 1);
  assert.equal(outcome.error.kind, 'invalid_request');
  assert.equal(outcome.error.retryable, false);
  assert.match(outcome.error.message, /roles must alternate/);
});

test('a 401 names the fix and never shows the key, even when the server echoes it', async () => {
  server.enqueue(reply.error(401, { message: `invalid x-api-key: ${TEST_KEY}` }));
  const outcome = await run(modelFor(server));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'auth');
  assert.equal(outcome.error.retryable, false);
  assert.ok(!outcome.error.message.includes(TEST_KEY));
  assert.match(outcome.error.message, /\[redacted\]/);
  assert.match(outcome.error.message, /fix: check ANTHROPIC_API_KEY/);
});

test('a key that does not look like one is still kept out of error messages', async () => {
  server.enqueue(reply.error(403, { message: 'token corp-proxy-token-77 may not use this model' }));
  const outcome = await run(modelFor(server, { apiKey: 'corp-proxy-token-77' }));
  assert.ok(!outcome.ok);
  assert.equal(outcome.ok ? '' : outcome.error.message.includes('corp-proxy-token-77'), false);
});

test('a retry-after longer than the policy allows ends the turn at once, retryable, with the wait', async () => {
  const waits = recordingSleep();
  server.enqueue(reply.error(429, { retryAfter: '120' }));
  const outcome = await run(modelFor(server, { sleep: waits.sleep, retry: { maxRetryAfterMs: 60_000 } }));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.deepEqual(waits.delays, []);
  assert.equal(outcome.error.retryable, true);
  assert.equal(outcome.error.retryAfterMs, 120_000);
});

test('x-should-retry from the server overrides the status', async () => {
  const start = server.requests.length;
  server.enqueue(reply.error(503, { headers: { 'x-should-retry': 'false' } }));
  const outcome = await run(modelFor(server));
  assert.ok(!outcome.ok && !outcome.error.retryable);
  assert.equal(server.requests.length - start, 1);
});

test('an unreachable server is a connection error, retried and then reported', async () => {
  const gone = await startMockAnthropicServer();
  const url = gone.url;
  await gone.close();
  const waits = recordingSleep();
  const model = new AnthropicModel({
    apiKey: TEST_KEY,
    baseURL: url,
    env: {},
    sleep: waits.sleep,
    random: () => 0,
    retry: { maxRetries: 2, baseDelayMs: 1 },
  });
  const outcome = await run(model);
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'connection');
  assert.equal(outcome.error.attempts, 3);
  assert.equal(waits.delays.length, 2);
});

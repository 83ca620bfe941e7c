// Faults through the real `openai` client and the loopback Chat Completions server: what is retried,
// after how long, and how giving up looks (the same rules and error kinds as the Anthropic provider).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenAIModel } from '../../src/model/openai.js';
import { reply, startChatLoopbackServer, type ChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { buildChatRequest } from '../../src/model/openai-request.js';
import { recordingSleep, turn } from './support.js';
import { OPENAI_TEST_KEY, openaiModelFor, runOpenAI } from './openai-support.js';

let server: ChatLoopbackServer;
before(async () => {
  server = await startChatLoopbackServer();
});
after(() => server.close());

test('a 429 with retry-after is retried after the time the server asked for, then succeeds', async () => {
  const waits = recordingSleep();
  const start = server.requests.length;
  server.enqueue(reply.error(429, { retryAfter: '2', message: 'Rate limit reached for requests' }), reply.text('done'));
  const outcome = await runOpenAI(openaiModelFor(server, { sleep: waits.sleep }));
  assert.ok(outcome.ok);
  assert.equal(outcome.text, 'done');
  assert.deepEqual(waits.delays, [2000]);
  assert.equal(server.requests.length - start, 2);
  const retry = outcome.events.find((e) => e.type === 'retry');
  assert.ok(retry?.type === 'retry');
  assert.deepEqual([retry.error.kind, retry.error.status, retry.delayMs], ['rate_limited', 429, 2000]);
});

test('repeated 5xx end in one clear error event after the configured retries, not a crash', async () => {
  const waits = recordingSleep();
  const start = server.requests.length;
  server.enqueue(reply.error(500, { message: 'The server had an error' }), ...Array.from({ length: 3 }, () => reply.error(503)));
  const model = openaiModelFor(server, { sleep: waits.sleep, retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 250 } });
  const outcome = await runOpenAI(model);
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(server.requests.length - start, 4);
  assert.deepEqual(waits.delays, [100, 200, 250]);
  assert.equal(outcome.events.filter((e) => e.type === 'turn.failed').length, 1);
  assert.deepEqual(
    outcome.events.flatMap((e) => (e.type === 'retry' ? [e.error.kind] : [])),
    ['server_error', 'overloaded', 'overloaded'],
  );
  assert.deepEqual(
    { kind: outcome.error.kind, status: outcome.error.status, attempts: outcome.error.attempts, retryable: outcome.error.retryable },
    { kind: 'overloaded', status: 503, attempts: 4, retryable: true },
  );
  assert.match(outcome.error.message, /^OpenAI-compatible API error 503 \(server_error\): mock server_error$/);
});

test('a 400 is not retried and says what was wrong; a 404 names the model setting', async () => {
  const start = server.requests.length;
  server.enqueue(
    reply.error(400, { message: "Invalid 'messages[2]': tool_call_id not found" }),
    reply.error(404, { message: 'model not found' }),
  );
  const bad = await runOpenAI(openaiModelFor(server));
  assert.ok(!bad.ok && bad.error.kind === 'invalid_request' && !bad.error.retryable);
  assert.match(bad.ok ? '' : bad.error.message, /tool_call_id not found/);
  const missing = await runOpenAI(openaiModelFor(server));
  assert.ok(!missing.ok && missing.error.kind === 'not_found');
  assert.match(missing.ok ? '' : missing.error.message, /fix: check model\.defaultModel .* model\.baseUrl/);
  assert.equal(server.requests.length - start, 2);
});

test('a 401 names OPENAI_API_KEY and never shows the key, even when the server echoes it', async () => {
  server.enqueue(reply.error(401, { message: `Incorrect API key provided: ${OPENAI_TEST_KEY}` }));
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'auth');
  assert.ok(!outcome.error.message.includes(OPENAI_TEST_KEY));
  assert.match(outcome.error.message, /\[redacted\]/);
  assert.match(outcome.error.message, /fix: check OPENAI_API_KEY/);
});

test('a key from OPENAI_API_KEY that does not look like one is still kept out of error messages', async () => {
  server.enqueue(reply.error(403, { message: 'key lan-proxy-77 may not use this model' }));
  const model = new OpenAIModel({ model: 'm', baseURL: server.baseURL, env: { OPENAI_API_KEY: 'lan-proxy-77' }, retry: { maxRetries: 0 } });
  const outcome = await runOpenAI(model);
  assert.ok(!outcome.ok);
  assert.equal(outcome.ok ? '' : outcome.error.message.includes('lan-proxy-77'), false);
  assert.equal(server.requests.at(-1)?.headers['authorization'], 'Bearer lan-proxy-77');
});

test('a stream cut before any content is retried; the second attempt completes', async () => {
  const waits = recordingSleep();
  server.enqueue({ ...reply.text('lost'), cutAfterEvents: 1 }, reply.text('whole'));
  const outcome = await runOpenAI(openaiModelFor(server, { sleep: waits.sleep }));
  assert.ok(outcome.ok);
  assert.equal(outcome.text, 'whole');
  const retry = outcome.events.find((e) => e.type === 'retry');
  assert.ok(retry?.type === 'retry' && retry.error.kind === 'stream_cut');
});

test('a stream cut after text reached the caller ends the turn (no silent replay), with the partial text', async () => {
  const start = server.requests.length;
  server.enqueue({ ...reply.text('this sentence is cut off halfway', { chunkSize: 4 }), cutAfterEvents: 4 });
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'stream_cut');
  assert.equal(server.requests.length - start, 1);
  const failed = outcome.events.at(-1);
  assert.ok(failed?.type === 'turn.failed');
  assert.deepEqual(failed.partial, [{ type: 'text', text: 'this sentenc' }], 'the role chunk, then three pieces of four characters');
});

test('a stream that ends cleanly before the choice finished is a cut stream too', async () => {
  server.enqueue({ ...reply.toolUse('claim_task', { task: 'T-1' }), endAfterEvents: 3 }, reply.text('again'));
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(outcome.ok && outcome.text === 'again');
  assert.ok(outcome.events.some((e) => e.type === 'retry' && e.error.kind === 'stream_cut'));
});

test('an error chunk mid-stream is a retryable server error', async () => {
  server.enqueue({ ...reply.text('x'), errorAfterEvents: { events: 1, type: 'server_error', message: 'backend died' } }, reply.text('ok'));
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(outcome.ok);
  const retry = outcome.events.find((e) => e.type === 'retry');
  assert.ok(retry?.type === 'retry');
  assert.equal(retry.error.kind, 'server_error');
  assert.match(retry.error.message, /in the stream .*backend died/);
});

test('an unreachable server is a connection error, retried and then reported', async () => {
  const gone = await startChatLoopbackServer();
  const baseURL = gone.baseURL;
  await gone.close();
  const waits = recordingSleep();
  const model = new OpenAIModel({
    model: 'm',
    baseURL,
    env: {},
    sleep: waits.sleep,
    random: () => 0,
    retry: { maxRetries: 2, baseDelayMs: 1 },
  });
  const outcome = await runOpenAI(model);
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'connection');
  assert.equal(outcome.error.attempts, 3);
  assert.equal(waits.delays.length, 2);
});

test("OpenAI's own API needs a key (and gets max_completion_tokens); a local server needs none", () => {
  assert.throws(() => new OpenAIModel({ model: 'gpt-x', env: {} }), /OPENAI_API_KEY is not set/);
  assert.equal(buildChatRequest(turn(), 'gpt-x', 'max_completion_tokens').max_completion_tokens, 256);
  const local = new OpenAIModel({ model: 'm', env: { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/' } });
  assert.equal(local.baseURL, 'http://127.0.0.1:11434/v1');
});

test('cancelling mid-stream stops the HTTP request and ends the turn as cancelled', async () => {
  server.enqueue({ ...reply.text('slow answer'), holdAfterEvents: 2 });
  const controller = new AbortController();
  const model = openaiModelFor(server);
  const seen: string[] = [];
  let outcome: Awaited<ReturnType<typeof runOpenAI>> | undefined;
  const stream = model.stream({ ...turn(), signal: controller.signal });
  for await (const event of stream) {
    seen.push(event.type);
    if (event.type === 'text.delta') controller.abort();
    if (event.type === 'turn.failed') outcome = { ok: false, error: event.error, usage: event.usage, events: [], text: '' };
  }
  assert.equal(outcome?.ok, false);
  assert.equal(outcome && !outcome.ok ? outcome.error.kind : '', 'cancelled');
  assert.equal(await server.requests.at(-1)?.closed, 'client-disconnected');
});

// Cancellation and the turn timeout really stop the HTTP exchange: the loopback server sees the
// client go away. No test waits on a clock except the one bounded timeout it exercises.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startMockAnthropicServer, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import { events, modelFor, run, turn } from './support.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer();
});
after(() => server.close());

test('cancelling mid-stream stops the request and ends the turn as cancelled', async () => {
  server.enqueue({ kind: 'message', content: [{ type: 'text', text: 'a long answer that is never finished' }], holdAfterEvents: 4 });
  const controller = new AbortController();
  const arrived = server.nextRequest();
  const seen = [];
  for await (const event of modelFor(server).stream(turn({ signal: controller.signal }))) {
    seen.push(event);
    if (event.type === 'text.delta') controller.abort();
  }
  const last = seen.at(-1);
  assert.ok(last?.type === 'turn.failed');
  assert.equal(last.error.kind, 'cancelled');
  assert.equal(last.error.retryable, false);
  assert.equal(await (await arrived).closed, 'client-disconnected');
});

test('cancelling before the response starts aborts the pending request', async () => {
  server.enqueue(reply.hang());
  const controller = new AbortController();
  const arrived = server.nextRequest().then((request) => {
    controller.abort();
    return request;
  });
  const outcome = await run(modelFor(server), turn({ signal: controller.signal }));
  assert.ok(!outcome.ok && outcome.error.kind === 'cancelled');
  assert.equal(await (await arrived).closed, 'client-disconnected');
});

test('a consumer that stops reading stops the HTTP stream', async () => {
  server.enqueue({ kind: 'message', content: [{ type: 'text', text: 'more text than anyone reads' }], holdAfterEvents: 5 });
  const arrived = server.nextRequest();
  for await (const event of modelFor(server).stream(turn())) {
    if (event.type === 'text.delta') break;
  }
  assert.equal(await (await arrived).closed, 'client-disconnected');
});

test('a signal aborted before the turn starts sends nothing', async () => {
  const start = server.requests.length;
  const outcome = await run(modelFor(server), turn({ signal: AbortSignal.abort() }));
  assert.ok(!outcome.ok && outcome.error.kind === 'cancelled');
  assert.equal(outcome.ok ? -1 : outcome.error.attempts, 0);
  assert.equal(server.requests.length, start);
});

test('a turn past its timeout is stopped and reported as a retryable timeout', async () => {
  server.enqueue(reply.hang());
  const arrived = server.nextRequest();
  const outcome = await run(modelFor(server, { turnTimeoutMs: 150 }));
  assert.ok(!outcome.ok);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'timeout');
  assert.equal(outcome.error.retryable, true);
  assert.equal(await (await arrived).closed, 'client-disconnected');
});

test('cancelling during a retry wait ends the turn at once', async () => {
  server.enqueue(reply.error(429, { retryAfter: '30' }));
  const controller = new AbortController();
  const model = modelFor(server, { sleep: undefined, retry: { maxRetryAfterMs: 60_000 } });
  const list = [];
  for await (const event of model.stream(turn({ signal: controller.signal }))) {
    list.push(event);
    if (event.type === 'retry') controller.abort();
  }
  assert.deepEqual(
    list.map((e) => e.type),
    ['retry', 'turn.failed'],
  );
  const last = list.at(-1);
  assert.ok(last?.type === 'turn.failed' && last.error.kind === 'cancelled');
});

test('events from a cancelled turn stop at the cancel: no completion sneaks in', async () => {
  server.enqueue(reply.text('x'.repeat(200), { chunkSize: 10, holdAfterEvents: 6 }));
  const controller = new AbortController();
  const list = await events(
    (async function* () {
      for await (const event of modelFor(server).stream(turn({ signal: controller.signal }))) {
        yield event;
        if (event.type === 'text.delta') controller.abort();
      }
    })(),
  );
  assert.equal(list.filter((e) => e.type === 'turn.completed').length, 0);
  assert.equal(list.filter((e) => e.type === 'text.delta').length, 1);
});

// The real SDK streaming through the loopback Messages API server: text, tool calls, thinking,
// malformed tool input, and streams that break.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startMockAnthropicServer, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import type { ModelEvent } from '../../src/model/types.js';
import { events, modelFor, run, turn } from './support.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer();
});
after(() => server.close());

const types = (list: ModelEvent[]): string[] => list.map((e) => e.type);

test('a text stream arrives in order, then usage, then the completed message', async () => {
  const text = 'The record is the single source of truth; gates hold each step until it is proven.';
  server.enqueue(reply.text(text, { chunkSize: 5 }));
  const list = await events(modelFor(server).stream(turn()));
  const deltas = list.filter((e) => e.type === 'text.delta');
  assert.ok(deltas.length >= 10, 'the text came in many deltas');
  assert.equal(deltas.map((e) => (e.type === 'text.delta' ? e.text : '')).join(''), text);
  assert.deepEqual(types(list).slice(-2), ['usage', 'turn.completed']);
  const last = list.at(-1);
  assert.equal(last?.type, 'turn.completed');
  if (last?.type === 'turn.completed') {
    assert.deepEqual(last.message.content, [{ type: 'text', text }]);
    assert.equal(last.message.stopReason, 'end_turn');
    assert.equal(last.message.model, 'claude-sonnet-5-5');
    assert.match(last.message.id, /^msg_/);
    assert.ok(last.message.usage.outputTokens > 0);
  }
});

test('a tool_use round-trip delivers the exact input object, split across chunks', async () => {
  const input = {
    task: 'T-7',
    files: ['src/a.ts', 'src/b.ts'],
    depth: 2,
    note: 'naïve “quotes” \\ and\nnewline',
    nested: { ok: true, n: null },
  };
  server.enqueue(reply.toolUse('claim_task', input, { text: 'Claiming T-7.', chunkSize: 3, id: 'toolu_fixed_1' }));
  const model = modelFor(server);
  const first = await run(model);
  assert.ok(first.ok);
  const call = first.events.find((e) => e.type === 'tool.use');
  assert.deepEqual(call, { type: 'tool.use', index: 1, id: 'toolu_fixed_1', name: 'claim_task', input });
  assert.equal(first.message.stopReason, 'tool_use');
  assert.deepEqual(first.message.content[1], { type: 'tool_use', id: 'toolu_fixed_1', name: 'claim_task', input });

  // The next turn sends the assistant message back with the tool result.
  server.enqueue(reply.text('Claimed.'));
  const second = await run(
    model,
    turn({
      messages: [
        { role: 'user', content: 'Implement T-7.' },
        { role: 'assistant', content: first.message.content },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_fixed_1', content: '{"ok":true}' }] },
      ],
    }),
  );
  assert.ok(second.ok);
  const sent = server.requests.at(-1)?.body.messages ?? [];
  assert.deepEqual(sent[1], {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Claiming T-7.' },
      { type: 'tool_use', id: 'toolu_fixed_1', name: 'claim_task', input },
    ],
  });
  const resultBlock = sent[2]?.content;
  assert.ok(Array.isArray(resultBlock));
  assert.equal(resultBlock[0]?.type, 'tool_result');
  assert.equal(resultBlock[0]?.type === 'tool_result' ? resultBlock[0].tool_use_id : '', 'toolu_fixed_1');
});

test('malformed tool JSON becomes a tool input error the agent can see, and the turn still completes', async () => {
  server.enqueue({
    kind: 'message',
    content: [
      { type: 'text', text: 'Running it.' },
      { type: 'tool_use', name: 'claim_task', rawInput: '{"task": "T-1", ', id: 'toolu_bad' },
      { type: 'tool_use', name: 'claim_task', rawInput: '["T-1"]', id: 'toolu_array' },
    ],
  });
  const outcome = await run(modelFor(server));
  assert.ok(outcome.ok);
  const errors = outcome.events.filter((e) => e.type === 'tool.input_error');
  assert.equal(errors.length, 2);
  const [bad, array] = errors;
  assert.ok(bad?.type === 'tool.input_error' && array?.type === 'tool.input_error');
  assert.equal(bad.id, 'toolu_bad');
  assert.equal(bad.rawInput, '{"task": "T-1", ');
  assert.match(bad.message, /not valid JSON/);
  assert.match(array.message, /must be a JSON object/);
  assert.deepEqual(
    outcome.message.toolInputErrors.map((e) => e.id),
    ['toolu_bad', 'toolu_array'],
  );
  // The calls stay in the message (with empty input) so each can be answered with an error result.
  assert.deepEqual(outcome.message.content.slice(1), [
    { type: 'tool_use', id: 'toolu_bad', name: 'claim_task', input: {} },
    { type: 'tool_use', id: 'toolu_array', name: 'claim_task', input: {} },
  ]);
});

test('a stream cut after content is reported as a retryable error, with what arrived', async () => {
  const before = server.requests.length;
  server.enqueue({ kind: 'message', content: [{ type: 'text', text: 'partial answer that never ends' }], cutAfterEvents: 5 });
  const outcome = await run(modelFor(server));
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.error.kind, 'stream_cut');
  assert.equal(outcome.error.retryable, true);
  assert.equal(outcome.text, 'partial answer t');
  assert.equal(server.requests.length - before, 1, 'content had reached the caller, so no silent retry');
  const failed = outcome.events.at(-1);
  assert.ok(failed?.type === 'turn.failed');
  assert.deepEqual(failed.partial, [{ type: 'text', text: 'partial answer t' }]);
});

test('a stream that ends without message_stop is a cut stream too', async () => {
  server.enqueue({ kind: 'message', content: [{ type: 'text', text: 'hello there' }], endAfterEvents: 4 });
  const outcome = await run(modelFor(server));
  assert.ok(!outcome.ok && outcome.error.kind === 'stream_cut' && outcome.error.retryable);
  assert.match(outcome.ok ? '' : outcome.error.message, /before message_stop/);
});

test('a stream cut before any content is retried silently', async () => {
  const before = server.requests.length;
  server.enqueue({ kind: 'message', content: [{ type: 'text', text: 'lost' }], cutAfterEvents: 2 }, reply.text('second try'));
  const outcome = await run(modelFor(server));
  assert.ok(outcome.ok);
  assert.equal(outcome.text, 'second try');
  assert.equal(server.requests.length - before, 2);
  const retry = outcome.events.find((e) => e.type === 'retry');
  assert.ok(retry?.type === 'retry' && retry.error.kind === 'stream_cut');
});

test('an overloaded error event mid-stream is retried before content and reported after it', async () => {
  server.enqueue(
    {
      kind: 'message',
      content: [{ type: 'text', text: 'x' }],
      errorAfterEvents: { events: 2, type: 'overloaded_error', message: 'Overloaded' },
    },
    reply.text('recovered'),
  );
  const recovered = await run(modelFor(server));
  assert.ok(recovered.ok);
  assert.equal(recovered.text, 'recovered');

  server.enqueue({
    kind: 'message',
    content: [{ type: 'text', text: 'abcdefghijkl' }],
    errorAfterEvents: { events: 4, type: 'overloaded_error', message: 'Overloaded' },
  });
  const failed = await run(modelFor(server));
  assert.ok(!failed.ok);
  if (failed.ok) return;
  assert.equal(failed.error.kind, 'overloaded');
  assert.equal(failed.error.retryable, true);
  assert.match(failed.error.message, /Overloaded/);
});

test('thinking blocks are kept, signature included, so they can be sent back unchanged', async () => {
  server.enqueue({
    kind: 'message',
    content: [
      { type: 'thinking', thinking: 'The deps of T-2 are done.', signature: 'sig-abc' },
      { type: 'text', text: 'Claiming.' },
    ],
  });
  const outcome = await run(modelFor(server));
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.message.content, [
    { type: 'thinking', thinking: 'The deps of T-2 are done.', signature: 'sig-abc' },
    { type: 'text', text: 'Claiming.' },
  ]);
  assert.equal(outcome.text, 'Claiming.', 'thinking is not streamed as text');
});

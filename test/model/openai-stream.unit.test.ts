// The OpenAI provider through the real `openai` client against the loopback Chat Completions server:
// streamed text, tool calls whose arguments arrive in pieces, usage, and the request it sends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startChatLoopbackServer, type ChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { chatConversation } from '../../src/model/openai-loopback-script.js';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ChatStreamAccumulator } from '../../src/model/openai-stream.js';
import type { Message } from '../../src/model/types.js';
import { events, turn } from './support.js';
import { LOCAL_MODEL, OPENAI_TEST_KEY, openaiModelFor, runOpenAI } from './openai-support.js';

let server: ChatLoopbackServer;
before(async () => {
  server = await startChatLoopbackServer();
});
after(() => server.close());

test('text streams in order and the turn completes with the usage the server reported', async () => {
  server.enqueue(
    reply.text('Claiming T-1 now.', { chunkSize: 4, usage: { input_tokens: 120, output_tokens: 7, cache_read_input_tokens: 30 } }),
  );
  const all = await events(openaiModelFor(server).stream(turn()));
  const deltas = all.flatMap((e) => (e.type === 'text.delta' ? [e.text] : []));
  assert.ok(deltas.length > 1, 'text arrives in pieces');
  assert.equal(deltas.join(''), 'Claiming T-1 now.');
  const done = all.at(-1);
  assert.ok(done?.type === 'turn.completed');
  assert.equal(done.message.stopReason, 'end_turn');
  assert.equal(done.message.model, LOCAL_MODEL);
  assert.match(done.message.id, /^chatcmpl-loopback/);
  assert.deepEqual(done.message.usage, {
    inputTokens: 120,
    outputTokens: 7,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: 30,
  });
  assert.ok(all.some((e) => e.type === 'usage'));
});

test('the request: one system message, tools as functions, streamed with usage, the key as a bearer token', async () => {
  server.enqueue(reply.text('ok'));
  await runOpenAI(openaiModelFor(server));
  const sent = server.requests.at(-1);
  assert.equal(sent?.path, '/v1/chat/completions');
  assert.equal(sent?.headers['authorization'], `Bearer ${OPENAI_TEST_KEY}`);
  const body = sent?.body;
  assert.equal(body?.model, LOCAL_MODEL);
  assert.equal(body?.stream, true);
  assert.deepEqual(body?.stream_options, { include_usage: true });
  assert.equal(body?.max_tokens, 256, 'a server other than OpenAI gets max_tokens');
  assert.deepEqual(body?.messages.slice(0, 1), [
    { role: 'system', content: 'You are the implementer agent. Follow the house rules.\n\nNow: T-1.' },
  ]);
  assert.deepEqual(body?.tools?.[0], {
    type: 'function',
    function: {
      name: 'claim_task',
      description: 'Claim a task whose dependencies are done.',
      parameters: { type: 'object', properties: { task: { type: 'string' } }, required: ['task'] },
    },
  });
});

test('tool calls: arguments split across many chunks are joined and parsed, several calls keep their order', async () => {
  server.enqueue({
    kind: 'message',
    chunkSize: 3,
    content: [
      { type: 'text', text: 'Two calls.' },
      { type: 'tool_use', name: 'claim_task', input: { task: 'T-1', why: 'its dependencies are done' }, id: 'call_a' },
      { type: 'tool_use', name: 'claim_task', input: { task: 'T-2' } },
    ],
  });
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(outcome.ok);
  if (!outcome.ok) return;
  const uses = outcome.events.flatMap((e) => (e.type === 'tool.use' ? [e] : []));
  assert.deepEqual(
    uses.map((u) => [u.id, u.name, u.input]),
    [
      ['call_a', 'claim_task', { task: 'T-1', why: 'its dependencies are done' }],
      [uses[1]?.id, 'claim_task', { task: 'T-2' }],
    ],
  );
  assert.ok(uses[1]?.id, 'a call id the next turn can answer');
  assert.equal(outcome.message.stopReason, 'tool_use');
  assert.deepEqual(
    outcome.message.content.map((b) => b.type),
    ['text', 'tool_use', 'tool_use'],
  );
  assert.deepEqual(outcome.message.toolInputErrors, []);
});

test('malformed tool arguments become a tool input error the agent is told about, not a crash', async () => {
  server.enqueue({ kind: 'message', content: [{ type: 'tool_use', name: 'claim_task', rawInput: '{"task": "T-1",', id: 'call_bad' }] });
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(outcome.ok);
  if (!outcome.ok) return;
  const bad = outcome.events.find((e) => e.type === 'tool.input_error');
  assert.ok(bad?.type === 'tool.input_error');
  assert.equal(bad.id, 'call_bad');
  assert.equal(bad.rawInput, '{"task": "T-1",');
  assert.match(bad.message, /not valid JSON/);
  assert.deepEqual(
    outcome.message.toolInputErrors.map((e) => e.id),
    ['call_bad'],
  );
  assert.equal(outcome.message.stopReason, 'tool_use');
});

test('a server that ignores include_usage: the usage is estimated, never zero', async () => {
  server.enqueue({ ...reply.text('a reply of some length from a small local model'), omitUsage: true });
  const outcome = await runOpenAI(openaiModelFor(server));
  assert.ok(outcome.ok);
  if (!outcome.ok) return;
  assert.ok(outcome.message.usage.inputTokens > 0 && outcome.message.usage.outputTokens > 0);
});

test('the conversation goes over as tool messages and comes back whole (errors flagged in the text)', async () => {
  const messages: Message[] = [
    { role: 'user', content: '# Your task: T-1' },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Claiming.' },
        { type: 'tool_use', id: 'call_1', name: 'claim_task', input: { task: 'T-1' } },
        { type: 'tool_use', id: 'call_2', name: 'claim_task', input: { task: 'T-9' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', toolUseId: 'call_1', content: 'claimed T-1' },
        { type: 'tool_result', toolUseId: 'call_2', content: 'refused: T-9 does not exist', isError: true },
      ],
    },
  ];
  server.enqueue(reply.text('ok'));
  await runOpenAI(openaiModelFor(server), turn({ messages }));
  const body = server.requests.at(-1)?.body;
  assert.deepEqual(body?.messages.slice(1), [
    { role: 'user', content: '# Your task: T-1' },
    {
      role: 'assistant',
      content: 'Claiming.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'claim_task', arguments: '{"task":"T-1"}' } },
        { id: 'call_2', type: 'function', function: { name: 'claim_task', arguments: '{"task":"T-9"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'claimed T-1' },
    { role: 'tool', tool_call_id: 'call_2', content: 'Error: refused: T-9 does not exist' },
  ]);
  assert.ok(body);
  if (!body) return;
  const back = chatConversation(body);
  assert.equal(back.system, 'You are the implementer agent. Follow the house rules.\n\nNow: T-1.');
  assert.deepEqual(back.messages, messages);
});

test('pieces of tool calls without an index (some servers) start a call with an id and continue it without', () => {
  const acc = new ChatStreamAccumulator('m', 10);
  // These servers break the type (`index` is required), so the chunks are built as plain data.
  const chunk = (delta: object, finish: 'tool_calls' | null = null): ChatCompletionChunk =>
    JSON.parse(
      JSON.stringify({
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 0,
        model: 'm',
        choices: [{ index: 0, delta, finish_reason: finish }],
      }),
    ) as ChatCompletionChunk;
  acc.push(chunk({ tool_calls: [{ id: 'a', function: { name: 'claim_task', arguments: '{"task":' } }] }));
  acc.push(chunk({ tool_calls: [{ function: { arguments: '"T-1"}' } }] }));
  acc.push(chunk({ tool_calls: [{ id: 'b', function: { name: 'claim_task', arguments: '{}' } }] }));
  const events = acc.push(chunk({}, 'tool_calls'));
  assert.deepEqual(
    events.map((e) => (e.type === 'tool.use' ? [e.id, e.input] : e.type)),
    [
      ['a', { task: 'T-1' }],
      ['b', {}],
    ],
  );
});

// SessionStreamReader over a session's messages shaped as Claude Code's stream-json prints them: the
// session id once, live text, one usage per model call, tool calls paired with results, the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenUsage } from '../../src/model/usage.js';
import { SessionStreamReader, type StreamMessage, type ToolCallSeen } from '../../src/runtime/claude-code/stream.js';

const SESSION = '5f0c1a52-1111-4c2e-9a55-000000000001';

function recorder() {
  const seen = { sessions: [] as string[], text: [] as string[], calls: [] as ToolCallSeen[], usage: [] as [string, TokenUsage][] };
  const reader = new SessionStreamReader({
    session: (id) => seen.sessions.push(id),
    text: (text) => seen.text.push(text),
    toolCall: (call) => seen.calls.push(call),
    usage: (model, tokens) => seen.usage.push([model, tokens]),
  });
  return { reader, seen };
}

const event = (e: NonNullable<StreamMessage['event']>, parent: string | null = null): StreamMessage => ({
  type: 'stream_event',
  session_id: SESSION,
  parent_tool_use_id: parent,
  event: e,
});

/** One model call as stream events: its start usage, text deltas, and the closing delta with the output count. */
const modelCall = (id: string, texts: string[], start: Record<string, unknown>, end: Record<string, unknown>): StreamMessage[] => [
  event({ type: 'message_start', message: { id, model: 'claude-sonnet-4-5', usage: start } }),
  event({ type: 'content_block_start' }),
  ...texts.map((text) => event({ type: 'content_block_delta', delta: { type: 'text_delta', text } })),
  event({ type: 'content_block_delta', delta: { type: 'input_json_delta' } }),
  event({ type: 'content_block_stop' }),
  event({ type: 'message_delta', usage: end }),
  event({ type: 'message_stop' }),
];

const session: StreamMessage[] = [
  { type: 'system', subtype: 'init', session_id: SESSION },
  ...modelCall(
    'msg_1',
    ['I will ', 'write the lib.'],
    {
      input_tokens: 120,
      output_tokens: 1,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_1h_input_tokens: 0 },
    },
    { output_tokens: 40 },
  ),
  {
    type: 'assistant',
    session_id: SESSION,
    parent_tool_use_id: null,
    message: {
      id: 'msg_1',
      content: [
        { type: 'text', text: 'I will write the lib.' },
        { type: 'tool_use', id: 'tu_1', name: 'Write', input: { file_path: '/p/src/lib.js', content: 'x' } },
        { type: 'tool_use', id: 'tu_2', name: 'mcp__crucible__complete_task', input: { acceptance: [] } },
      ],
    },
  },
  {
    type: 'user',
    session_id: SESSION,
    parent_tool_use_id: null,
    message: { content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'File created successfully at: /p/src/lib.js' }] },
  },
  // A subagent's own conversation (parent_tool_use_id set) is not the agent's.
  ...modelCall('msg_sub', ['subagent chatter'], { input_tokens: 5 }, { output_tokens: 5 }).map((m) => ({
    ...m,
    parent_tool_use_id: 'tu_9',
  })),
  {
    type: 'assistant',
    session_id: SESSION,
    parent_tool_use_id: 'tu_9',
    message: { content: [{ type: 'tool_use', id: 'tu_sub', name: 'Read', input: { file_path: '/p/x' } }] },
  },
  {
    type: 'user',
    session_id: SESSION,
    parent_tool_use_id: 'tu_9',
    message: { content: [{ type: 'tool_result', tool_use_id: 'tu_sub', content: 'x' }] },
  },
  {
    type: 'user',
    session_id: SESSION,
    parent_tool_use_id: null,
    message: {
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'tu_2',
          is_error: true,
          content: [
            { type: 'text', text: 'REFUSED [gate-failed]: node test.js exited 1' },
            { type: 'text', text: 'Fix: make it pass' },
          ],
        },
        { type: 'tool_result', tool_use_id: 'tu_unknown', content: 'an answer to a call never seen' },
      ],
    },
  },
  ...modelCall('msg_2', ['Done.'], { input_tokens: 30, cache_read_input_tokens: 900, output_tokens: 1 }, { output_tokens: 3 }),
  { type: 'result', subtype: 'success', session_id: SESSION, is_error: false, result: 'Done.', num_turns: 2 },
];

test('a session: its id once, its text live, one usage per model call, tool calls paired with their results', () => {
  const { reader, seen } = recorder();
  for (const message of session) reader.read(message);
  assert.deepEqual(seen.sessions, [SESSION]);
  assert.equal(reader.sessionId, SESSION);
  assert.deepEqual(seen.text, ['I will ', 'write the lib.', 'Done.']);
  assert.deepEqual(seen.usage, [
    ['claude-sonnet-4-5', { inputTokens: 120, outputTokens: 40, cacheCreationTokens: 900, cacheCreation1hTokens: 0, cacheReadTokens: 0 }],
    ['claude-sonnet-4-5', { inputTokens: 30, outputTokens: 3, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 900 }],
  ]);
  assert.deepEqual(seen.calls, [
    { name: 'Write', input: { file_path: '/p/src/lib.js', content: 'x' }, ok: true, text: 'File created successfully at: /p/src/lib.js' },
    {
      name: 'complete_task',
      input: { acceptance: [] },
      ok: false,
      text: 'REFUSED [gate-failed]: node test.js exited 1\nFix: make it pass',
    },
  ]);
  assert.deepEqual(reader.end, { subtype: 'success', isError: false, text: 'Done.', turns: 2 });
});

test('a one-hour cache write is counted within the cache tokens, never above them', () => {
  const { reader, seen } = recorder();
  const start = { input_tokens: 1, cache_creation_input_tokens: 50, cache_creation: { ephemeral_1h_input_tokens: 80 } };
  for (const message of modelCall('m', [], start, { output_tokens: 2 })) reader.read(message);
  assert.deepEqual(
    seen.usage.map(([, t]) => [t.cacheCreationTokens, t.cacheCreation1hTokens]),
    [[50, 50]],
  );
});

test('how a session ends: success, out of turns, or an error during execution', () => {
  const ends: [StreamMessage, object][] = [
    [
      { type: 'result', subtype: 'error_max_turns', is_error: true, num_turns: 8 },
      { subtype: 'error_max_turns', isError: true, text: '', turns: 8 },
    ],
    [
      { type: 'result', subtype: 'error_during_execution', is_error: true, errors: ['API Error: 529 overloaded', 'gave up'] },
      { subtype: 'error_during_execution', isError: true, text: 'API Error: 529 overloaded; gave up', turns: 0 },
    ],
    [
      { type: 'result', subtype: 'success', is_error: true, result: 'Invalid API key · Please run /login', num_turns: 1 },
      { subtype: 'success', isError: true, text: 'Invalid API key · Please run /login', turns: 1 },
    ],
  ];
  for (const [message, end] of ends) {
    const { reader } = recorder();
    assert.equal(reader.end, undefined);
    reader.read(message);
    assert.deepEqual(reader.end, end);
  }
});

test('a new session id (a resumed session forked) is told again; messages without one keep the current', () => {
  const { reader, seen } = recorder();
  reader.read({ type: 'system', subtype: 'init', session_id: 'a' });
  reader.read({ type: 'system', subtype: 'status' });
  reader.read({ type: 'system', subtype: 'init', session_id: 'a' });
  reader.read({ type: 'system', subtype: 'init', session_id: 'b' });
  assert.deepEqual(seen.sessions, ['a', 'b']);
});

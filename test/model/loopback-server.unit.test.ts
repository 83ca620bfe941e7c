// The loopback server itself, read raw (no SDK): the bytes it sends must look like the real API's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startMockAnthropicServer, toolResultsOf, type MockAnthropicServer } from '../helpers/mock-anthropic-server.js';

let server: MockAnthropicServer;
before(async () => {
  server = await startMockAnthropicServer();
});
after(() => server.close());

const post = (body: unknown, path = '/v1/messages'): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const minimal = { model: 'claude-sonnet-5-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] };

function parseSse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      assert.equal(rest.length, 0, `one event and one data line per frame: ${frame}`);
      assert.match(eventLine ?? '', /^event: [a-z_]+$/);
      assert.match(dataLine ?? '', /^data: \{/);
      return { event: (eventLine ?? '').slice(7), data: JSON.parse((dataLine ?? '').slice(6)) as Record<string, unknown> };
    });
}

test('it listens on 127.0.0.1 and streams the API event sequence with event: and data: lines', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  server.enqueue(reply.toolUse('claim_task', { task: 'T-1', why: 'deps done' }, { text: 'Hi', chunkSize: 6, id: 'toolu_x' }));
  const res = await post(minimal);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const frames = parseSse(await res.text());
  const names = frames.map((f) => f.event);
  assert.deepEqual(names.slice(0, 5), ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop']);
  assert.deepEqual(names.slice(5, 7), ['content_block_start', 'content_block_delta']);
  assert.deepEqual(names.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
  assert.ok(names.slice(7, -3).every((name) => name === 'content_block_delta'));
  for (const frame of frames) assert.equal(frame.data['type'], frame.event, 'data.type matches the event name');
  const json = frames.flatMap((f) => {
    const delta = f.data['delta'] as { type?: string; partial_json?: string } | undefined;
    return delta?.type === 'input_json_delta' ? [delta.partial_json ?? ''] : [];
  });
  assert.ok(json.length > 1, 'tool input is split across chunks');
  assert.deepEqual(JSON.parse(json.join('')), { task: 'T-1', why: 'deps done' });
  const delta = frames.find((f) => f.event === 'message_delta')?.data as {
    delta: { stop_reason: string };
    usage: { output_tokens: number };
  };
  assert.equal(delta.delta.stop_reason, 'tool_use');
  assert.ok(delta.usage.output_tokens > 0);
});

test('errors come back in the API error shape, with retry-after when asked', async () => {
  server.enqueue(reply.error(429, { retryAfter: '3', message: 'slow down' }), reply.error(529));
  const limited = await post(minimal);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '3');
  const body = (await limited.json()) as { type: string; error: { type: string; message: string }; request_id: string };
  assert.equal(body.type, 'error');
  assert.deepEqual(body.error, { type: 'rate_limit_error', message: 'slow down' });
  assert.match(limited.headers.get('request-id') ?? '', /^req_/);
  const overloaded = (await (await post(minimal)).json()) as { error: { type: string } };
  assert.equal(overloaded.error.type, 'overloaded_error');
});

test('requests are recorded; a handler answers when the queue is empty; strays get clear errors', async () => {
  server.setHandler((req) => reply.text(`you said ${String(req.body.messages[0]?.content)}`));
  const start = server.requests.length;
  const frames = parseSse(await (await post({ ...minimal, messages: [{ role: 'user', content: 'ping' }] })).text());
  const texts = frames.flatMap((f) => {
    const d = f.data['delta'] as { type?: string; text?: string } | undefined;
    return d?.type === 'text_delta' ? [d.text ?? ''] : [];
  });
  assert.equal(texts.join(''), 'you said ping');
  assert.equal(server.requests.length, start + 1);
  assert.equal(server.requests[start]?.headers['content-type'], 'application/json');
  assert.equal(await server.requests[start]?.closed, 'completed');
  server.setHandler(undefined);

  const none = await post(minimal);
  assert.equal(none.status, 500);
  assert.match(((await none.json()) as { error: { message: string } }).error.message, /no scripted reply for request #\d+/);
  assert.equal((await post(minimal, '/v1/complete')).status, 404);
  assert.equal((await post({ model: 'x' })).status, 400);
  assert.equal((await post({ ...minimal, stream: false })).status, 400);
});

test('a slow stream paces its events', async () => {
  server.enqueue(reply.text('abc', { eventDelayMs: 5, chunkSize: 1 }));
  const started = performance.now();
  const frames = parseSse(await (await post(minimal)).text());
  assert.equal(frames.length, 9);
  assert.ok(performance.now() - started >= 40, 'nine events, five milliseconds apart');
});

test('a handler can branch on the last tool result, as a scripted demo run does', async () => {
  server.setHandler((req) => {
    const [result] = toolResultsOf(req);
    return result?.text.includes('DEPS_NOT_DONE') ? reply.text('waiting') : reply.toolUse('claim_task', { task: 'T-1' });
  });
  const refused = {
    ...minimal,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'claim_task', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '{"code":"DEPS_NOT_DONE"}' }], is_error: true },
        ],
      },
    ],
  };
  const text = await (await post(refused)).text();
  assert.match(text, /"text":"waiting"/);
  assert.deepEqual(toolResultsOf(server.requests.at(-1)!), [{ toolUseId: 'toolu_1', text: '{"code":"DEPS_NOT_DONE"}', isError: true }]);
  assert.match(await (await post(minimal)).text(), /"name":"claim_task"/);
  server.setHandler(undefined);
});

// Request building, checked against the SDK's own parameter types by the compiler and here by value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest } from '../../src/model/anthropic-request.js';
import type { TurnRequest } from '../../src/model/types.js';

const base: TurnRequest = { system: { stable: '' }, messages: [], maxTokens: 100 };

test('tool results, errors and thinking blocks map to the API shapes; breakpoints skip thinking', () => {
  const params = buildRequest(
    {
      ...base,
      messages: [
        { role: 'user', content: 'Go.' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Calling.' },
            { type: 'thinking', thinking: 't', signature: 's' },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: 'refused: DEPS_NOT_DONE', isError: true }] },
      ],
      pinnedMessages: 2,
    },
    'claude-opus-5-5',
    { ttl: '5m', conversation: true },
  );
  assert.equal(params.model, 'claude-opus-5-5');
  assert.equal(params.system, undefined, 'an empty system prompt is left out');
  assert.equal(params.tools, undefined);
  assert.deepEqual(params.messages[1]?.content, [
    { type: 'text', text: 'Calling.', cache_control: { type: 'ephemeral' } },
    { type: 'thinking', thinking: 't', signature: 's' },
  ]);
  assert.deepEqual(params.messages[2]?.content, [
    {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: 'refused: DEPS_NOT_DONE',
      is_error: true,
      cache_control: { type: 'ephemeral' },
    },
  ]);
});

test('when every message is pinned, the conversation breakpoint is not added twice', () => {
  const params = buildRequest({ ...base, messages: [{ role: 'user', content: 'Only.' }], pinnedMessages: 5 }, 'm', {
    ttl: '5m',
    conversation: true,
  });
  assert.equal(JSON.stringify(params).split('cache_control').length - 1, 1);
  const none = buildRequest({ ...base, messages: [{ role: 'user', content: 'x' }] }, 'm', { ttl: '5m', conversation: false });
  assert.equal(JSON.stringify(none).includes('cache_control'), false);
});

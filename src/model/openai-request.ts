// Builds the Chat Completions request for a turn: the system prompt as one
// system message, tool results as `tool` messages, tool calls as the
// assistant's `tool_calls`, tools as functions, and usage asked for at the end
// of the stream. Thinking blocks (Anthropic only) are not sent.
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ContentBlock, Message, ToolDefinition, TurnRequest } from './types.js';

/** How the request states its output limit: OpenAI's own API wants `max_completion_tokens`, most local servers read `max_tokens`. */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

/** Chat Completions has no error flag on a tool result, so an error says so in its text. */
export const TOOL_ERROR_PREFIX = 'Error: ';

function toolMessages(blocks: readonly ContentBlock[]): ChatCompletionMessageParam[] {
  return blocks.flatMap((block): ChatCompletionMessageParam[] =>
    block.type === 'tool_result'
      ? [{ role: 'tool', tool_call_id: block.toolUseId, content: block.isError ? `${TOOL_ERROR_PREFIX}${block.content}` : block.content }]
      : [],
  );
}

const textOf = (blocks: readonly ContentBlock[]): string =>
  blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');

function assistantMessage(blocks: readonly ContentBlock[]): ChatCompletionAssistantMessageParam {
  const calls = blocks.flatMap((block) =>
    block.type === 'tool_use'
      ? [{ id: block.id, type: 'function' as const, function: { name: block.name, arguments: JSON.stringify(block.input) } }]
      : [],
  );
  const text = textOf(blocks);
  return { role: 'assistant', content: text === '' ? null : text, ...(calls.length > 0 ? { tool_calls: calls } : {}) };
}

/** One Crucible message can become several: each tool result is its own `tool` message, before any text. */
export function toChatMessages(message: Message): ChatCompletionMessageParam[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  if (message.role === 'assistant') return [assistantMessage(message.content)];
  const text = textOf(message.content);
  return [...toolMessages(message.content), ...(text === '' ? [] : [{ role: 'user' as const, content: text }])];
}

function toTools(tools: readonly ToolDefinition[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  }));
}

export function buildChatRequest(request: TurnRequest, model: string, maxTokensField: MaxTokensField): ChatCompletionCreateParamsStreaming {
  // One system message: several, or one not first, break some local servers' chat templates.
  const system = [request.system.stable, request.system.volatile ?? ''].filter((part) => part !== '').join('\n\n');
  const messages: ChatCompletionMessageParam[] = [
    ...(system === '' ? [] : [{ role: 'system' as const, content: system }]),
    ...request.messages.flatMap(toChatMessages),
  ];
  const tools = request.tools ?? [];
  return {
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    [maxTokensField]: request.maxTokens,
    ...(tools.length > 0 ? { tools: toTools(tools) } : {}),
  };
}

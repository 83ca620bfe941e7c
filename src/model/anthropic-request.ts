// Builds the Messages API request for a turn, with prompt-cache breakpoints on
// the stable prefix: the tool definitions, the stable system prompt, the
// pinned context messages, and (optionally) the conversation so far. The API
// allows four breakpoints; this uses at most those four.
import type {
  CacheControlEphemeral,
  ContentBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { ContentBlock, Message, ToolDefinition, TurnRequest } from './types.js';

export interface CacheOptions {
  /** Cache lifetime of the breakpoints. */
  ttl: '5m' | '1h';
  /** Also cache the whole conversation up to the last message, so the next turn of an agent loop reads it back. */
  conversation: boolean;
}

const cacheControl = (ttl: CacheOptions['ttl']): CacheControlEphemeral =>
  ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };

function toBlockParam(block: ContentBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.toolUseId,
        content: block.content,
        ...(block.isError ? { is_error: true } : {}),
      };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
  }
}

function toMessageParam(message: Message): MessageParam {
  const content = typeof message.content === 'string' ? message.content : message.content.map(toBlockParam);
  return message.role === 'user' ? { role: 'user', content } : { role: 'assistant', content };
}

/**
 * Marks the last block of `message` that can carry a breakpoint (thinking blocks cannot).
 * Returns false when the message has no such block.
 */
function markMessage(message: MessageParam, control: CacheControlEphemeral): boolean {
  if (typeof message.content === 'string') {
    if (message.content === '') return false;
    message.content = [{ type: 'text', text: message.content, cache_control: control }];
    return true;
  }
  for (let i = message.content.length - 1; i >= 0; i -= 1) {
    const block = message.content[i];
    if (!block || block.type === 'thinking' || block.type === 'redacted_thinking') continue;
    message.content[i] = { ...block, cache_control: control };
    return true;
  }
  return false;
}

function toTools(tools: readonly ToolDefinition[], control: CacheControlEphemeral): Tool[] {
  return tools.map((tool, i) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema,
    ...(i === tools.length - 1 ? { cache_control: control } : {}),
  }));
}

function toSystem(request: TurnRequest, control: CacheControlEphemeral): TextBlockParam[] {
  const blocks: TextBlockParam[] = [];
  if (request.system.stable !== '') blocks.push({ type: 'text', text: request.system.stable, cache_control: control });
  if (request.system.volatile) blocks.push({ type: 'text', text: request.system.volatile });
  return blocks;
}

export function buildRequest(request: TurnRequest, model: string, cache: CacheOptions): MessageCreateParamsStreaming {
  const control = cacheControl(cache.ttl);
  const messages = request.messages.map(toMessageParam);
  const pinned = Math.min(request.pinnedMessages ?? 0, messages.length);
  const pinnedMessage = pinned > 0 ? messages[pinned - 1] : undefined;
  if (pinnedMessage) markMessage(pinnedMessage, control);
  const last = messages[messages.length - 1];
  if (cache.conversation && last && messages.length > pinned) markMessage(last, control);

  const tools = request.tools ?? [];
  const system = toSystem(request, control);
  return {
    model,
    max_tokens: request.maxTokens,
    stream: true,
    messages,
    ...(system.length > 0 ? { system } : {}),
    ...(tools.length > 0 ? { tools: toTools(tools, control) } : {}),
  };
}

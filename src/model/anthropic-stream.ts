// Folds the Messages API stream (`message_start`, `content_block_*`,
// `message_delta`, `message_stop`) into Crucible's `ModelEvent`s and the final
// assistant message. Pure: one raw event in, zero or more model events out.
import type { RawMessageStreamEvent, Usage, MessageDeltaUsage } from '@anthropic-ai/sdk/resources/messages';
import type { AssistantMessage, ContentBlock, ModelEvent, StopReason, ToolInputError } from './types.js';
import { parseToolInput } from './tool-input.js';
import { emptyUsage, type TokenUsage } from './usage.js';

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; json: string; input?: Record<string, unknown> }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'other' };

function usageFromStart(usage: Usage): TokenUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
    cacheCreation1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

/** `message_delta` usage is cumulative; fields it leaves null keep their earlier value. */
function mergeDelta(prev: TokenUsage, delta: MessageDeltaUsage): TokenUsage {
  return {
    inputTokens: delta.input_tokens ?? prev.inputTokens,
    outputTokens: delta.output_tokens,
    cacheCreationTokens: delta.cache_creation_input_tokens ?? prev.cacheCreationTokens,
    cacheCreation1hTokens: prev.cacheCreation1hTokens,
    cacheReadTokens: delta.cache_read_input_tokens ?? prev.cacheReadTokens,
  };
}

function toContentBlock(block: Block): ContentBlock | undefined {
  switch (block.type) {
    case 'text':
      // The API rejects empty text blocks when they are sent back.
      return block.text === '' ? undefined : { type: 'text', text: block.text };
    case 'tool_use':
      return block.input ? { type: 'tool_use', id: block.id, name: block.name, input: block.input } : undefined;
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    default:
      return undefined;
  }
}

export class StreamAccumulator {
  #id = '';
  #model: string;
  #usage: TokenUsage = emptyUsage();
  #stopReason: StopReason | null = null;
  #blocks: Block[] = [];
  #inputErrors: ToolInputError[] = [];
  #stopped = false;
  /** True once a text delta or tool call has been handed out: the turn can no longer be retried silently. */
  emittedContent = false;

  constructor(model: string) {
    this.#model = model;
  }

  get usage(): TokenUsage {
    return { ...this.#usage };
  }

  /** True when `message_stop` arrived, i.e. the stream ended where it should. */
  get complete(): boolean {
    return this.#stopped;
  }

  push(event: RawMessageStreamEvent): ModelEvent[] {
    switch (event.type) {
      case 'message_start':
        this.#id = event.message.id;
        this.#model = event.message.model || this.#model;
        this.#usage = usageFromStart(event.message.usage);
        return [];
      case 'content_block_start':
        return this.#start(event.index, event.content_block);
      case 'content_block_delta':
        return this.#delta(event.index, event.delta);
      case 'content_block_stop':
        return this.#stop(event.index);
      case 'message_delta':
        this.#stopReason = event.delta.stop_reason ?? this.#stopReason;
        this.#usage = mergeDelta(this.#usage, event.usage);
        return [{ type: 'usage', usage: this.usage }];
      case 'message_stop':
        this.#stopped = true;
        return [];
      default:
        return [];
    }
  }

  #start(index: number, block: Extract<RawMessageStreamEvent, { type: 'content_block_start' }>['content_block']): ModelEvent[] {
    switch (block.type) {
      case 'text':
        this.#blocks[index] = { type: 'text', text: '' };
        return block.text ? this.#delta(index, { type: 'text_delta', text: block.text }) : [];
      case 'tool_use':
        this.#blocks[index] = { type: 'tool_use', id: block.id, name: block.name, json: '' };
        return [];
      case 'thinking':
        this.#blocks[index] = { type: 'thinking', thinking: block.thinking, signature: block.signature };
        return [];
      case 'redacted_thinking':
        this.#blocks[index] = { type: 'redacted_thinking', data: block.data };
        return [];
      default:
        this.#blocks[index] = { type: 'other' };
        return [];
    }
  }

  #delta(index: number, delta: Extract<RawMessageStreamEvent, { type: 'content_block_delta' }>['delta']): ModelEvent[] {
    const block = this.#blocks[index];
    if (!block) return [];
    if (delta.type === 'text_delta' && block.type === 'text') {
      block.text += delta.text;
      this.emittedContent = true;
      return [{ type: 'text.delta', index, text: delta.text }];
    }
    if (delta.type === 'input_json_delta' && block.type === 'tool_use') block.json += delta.partial_json;
    else if (delta.type === 'thinking_delta' && block.type === 'thinking') block.thinking += delta.thinking;
    else if (delta.type === 'signature_delta' && block.type === 'thinking') block.signature = delta.signature;
    return [];
  }

  #stop(index: number): ModelEvent[] {
    const block = this.#blocks[index];
    if (!block || block.type !== 'tool_use' || block.input) return [];
    this.emittedContent = true;
    const parsed = parseToolInput(block.json);
    if (parsed.ok) {
      block.input = parsed.input;
      return [{ type: 'tool.use', index, id: block.id, name: block.name, input: parsed.input }];
    }
    block.input = {};
    const error: ToolInputError = { id: block.id, name: block.name, rawInput: block.json, message: parsed.message };
    this.#inputErrors.push(error);
    return [{ type: 'tool.input_error', index, ...error }];
  }

  /** The content received so far, in block order (for the final message or a partial one). */
  content(): ContentBlock[] {
    const out: ContentBlock[] = [];
    for (const block of this.#blocks) {
      if (!block) continue;
      const done = toContentBlock(block);
      if (done) out.push(done);
    }
    return out;
  }

  message(): AssistantMessage {
    return {
      id: this.#id,
      role: 'assistant',
      model: this.#model,
      content: this.content(),
      stopReason: this.#stopReason ?? 'end_turn',
      usage: this.usage,
      toolInputErrors: [...this.#inputErrors],
    };
  }
}

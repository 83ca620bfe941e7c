// Folds a Chat Completions stream (`chat.completion.chunk`s, then the usage
// chunk that `stream_options.include_usage` asks for) into Crucible's
// `ModelEvent`s and the final assistant message. Text is streamed as it comes;
// a tool call's arguments arrive in pieces across chunks, keyed by the call's
// index, and are parsed once the choice finishes. Pure: one chunk in, zero or
// more model events out.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { AssistantMessage, ContentBlock, ModelEvent, StopReason, ToolInputError } from './types.js';
import { parseToolInput } from './tool-input.js';
import { estimateTokens, type TokenUsage } from './usage.js';

interface ToolCall {
  id: string;
  name: string;
  json: string;
  input?: Record<string, unknown>;
}

type FinishReason = NonNullable<ChatCompletionChunk.Choice['finish_reason']>;

const STOP_REASONS: Readonly<Record<FinishReason, StopReason>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/** Prompt tokens include the cached ones; Crucible counts cache reads apart, as Anthropic does. */
export function usageFromChat(usage: CompletionUsage): TokenUsage {
  const cached = Math.min(usage.prompt_tokens_details?.cached_tokens ?? 0, usage.prompt_tokens);
  return {
    inputTokens: usage.prompt_tokens - cached,
    outputTokens: usage.completion_tokens,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: cached,
  };
}

export class ChatStreamAccumulator {
  #id = '';
  #model: string;
  #text = '';
  #calls: ToolCall[] = [];
  #finish: FinishReason | null = null;
  #usage: TokenUsage | undefined;
  #inputErrors: ToolInputError[] = [];
  readonly #promptEstimate: number;
  /** True once a text delta or tool call has been handed out: the turn can no longer be retried silently. */
  emittedContent = false;

  /** `promptEstimate`: tokens of the request, counted when the server reports no usage. */
  constructor(model: string, promptEstimate: number) {
    this.#model = model;
    this.#promptEstimate = promptEstimate;
  }

  /** True once the choice finished (`finish_reason`): the message is whole even if the usage chunk never comes. */
  get complete(): boolean {
    return this.#finish !== null;
  }

  /** The server's usage, or an estimate when it sent none (some local servers ignore `include_usage`). */
  get usage(): TokenUsage {
    if (this.#usage) return { ...this.#usage };
    const output = estimateTokens(this.#text + this.#calls.map((c) => c.name + c.json).join(''));
    return {
      inputTokens: this.#promptEstimate,
      outputTokens: output,
      cacheCreationTokens: 0,
      cacheCreation1hTokens: 0,
      cacheReadTokens: 0,
    };
  }

  push(chunk: ChatCompletionChunk): ModelEvent[] {
    const events: ModelEvent[] = [];
    if (chunk.id) this.#id = chunk.id;
    if (chunk.model) this.#model = chunk.model;
    // Only the first choice is read: the request never asks for more (`n` is left at 1).
    const choice = chunk.choices?.find((c) => c.index === 0) ?? chunk.choices?.[0];
    if (choice) events.push(...this.#delta(choice));
    if (chunk.usage) {
      this.#usage = usageFromChat(chunk.usage);
      events.push({ type: 'usage', usage: this.usage });
    }
    return events;
  }

  #delta(choice: ChatCompletionChunk.Choice): ModelEvent[] {
    const events: ModelEvent[] = [];
    const delta = choice.delta ?? {};
    const text = (delta.content ?? '') + (delta.refusal ?? '');
    if (text !== '' && this.#finish === null) {
      this.#text += text;
      this.emittedContent = true;
      events.push({ type: 'text.delta', index: 0, text });
    }
    for (const piece of delta.tool_calls ?? []) {
      const call = (this.#calls[this.#callIndex(piece)] ??= { id: '', name: '', json: '' });
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name += piece.function.name;
      if (piece.function?.arguments) call.json += piece.function.arguments;
    }
    if (choice.finish_reason && this.#finish === null) {
      this.#finish = choice.finish_reason;
      events.push(...this.#finishCalls());
    }
    return events;
  }

  /** Where a piece belongs: its index; without one (some servers), a piece with an id starts a call and one without continues the last. */
  #callIndex(piece: { index?: number; id?: string }): number {
    if (typeof piece.index === 'number') return piece.index;
    return piece.id || this.#calls.length === 0 ? this.#calls.length : this.#calls.length - 1;
  }

  /** Every tool call is complete once the choice finishes: parse each, in order. */
  #finishCalls(): ModelEvent[] {
    const events: ModelEvent[] = [];
    this.#calls.forEach((call, i) => {
      if (!call) return;
      // Some local servers send no call id; the next turn's tool message still needs one.
      call.id ||= `call_${this.#id || 'local'}_${i}`;
      const index = i + 1;
      this.emittedContent = true;
      const parsed = parseToolInput(call.json);
      if (parsed.ok) {
        call.input = parsed.input;
        events.push({ type: 'tool.use', index, id: call.id, name: call.name, input: parsed.input });
        return;
      }
      call.input = {};
      const error: ToolInputError = { id: call.id, name: call.name, rawInput: call.json, message: parsed.message };
      this.#inputErrors.push(error);
      events.push({ type: 'tool.input_error', index, ...error });
    });
    return events;
  }

  /** The content received so far: the text, then the finished tool calls. */
  content(): ContentBlock[] {
    const out: ContentBlock[] = this.#text === '' ? [] : [{ type: 'text', text: this.#text }];
    for (const call of this.#calls) {
      if (call?.input) out.push({ type: 'tool_use', id: call.id, name: call.name, input: call.input });
    }
    return out;
  }

  message(): AssistantMessage {
    const content = this.content();
    // Some servers finish a turn that calls tools with `stop`; the calls decide.
    const calls = content.some((block) => block.type === 'tool_use') || this.#inputErrors.length > 0;
    return {
      id: this.#id,
      role: 'assistant',
      model: this.#model,
      content,
      stopReason: calls ? 'tool_use' : this.#finish ? STOP_REASONS[this.#finish] : 'end_turn',
      usage: this.usage,
      toolInputErrors: [...this.#inputErrors],
    };
  }
}

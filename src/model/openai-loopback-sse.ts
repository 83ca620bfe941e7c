// What the loopback Chat Completions server sends: the `data:` frames of one
// streamed completion in the order OpenAI-compatible servers use (a role
// chunk, content pieces, each tool call's id and name then its arguments in
// pieces, the finish chunk, the usage chunk when asked for, then `[DONE]`).
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { chunks, type LoopbackBlock, type LoopbackStopReason, type LoopbackUsage } from './loopback-sse.js';
import { estimateTokens } from './usage.js';

export const DONE_FRAME = 'data: [DONE]\n\n';

export const formatChatSse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

const FINISH_REASONS: Readonly<Record<LoopbackStopReason, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

/** Usage of a reply: the prompt estimated from the request, unless the reply fixes it (in the Messages API's field names). */
export function chatUsage(
  body: ChatCompletionCreateParamsBase,
  content: readonly LoopbackBlock[],
  fixed: Partial<LoopbackUsage> = {},
): ChatUsage {
  const cached = fixed.cache_read_input_tokens ?? 0;
  const prompt = (fixed.input_tokens ?? estimateTokens(JSON.stringify(body.messages) + JSON.stringify(body.tools ?? []))) + cached;
  const text = content.map((b) =>
    b.type === 'text' ? b.text : b.type === 'tool_use' ? ('rawInput' in b ? b.rawInput : JSON.stringify(b.input)) : '',
  );
  const completion = fixed.output_tokens ?? Math.max(1, estimateTokens(text.join('')));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached },
  };
}

/** Every frame of one streamed completion, `[DONE]` included. */
export function chatFrames(input: {
  id: string;
  model: string;
  content: readonly LoopbackBlock[];
  stopReason: LoopbackStopReason;
  /** Null: the request did not ask for usage (or the server ignores it). */
  usage: ChatUsage | null;
  chunkSize: number;
}): string[] {
  const created = 1_767_225_600;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    formatChatSse({ id: input.id, object: 'chat.completion.chunk', created, model: input.model, choices, ...extra });
  const delta = (d: Record<string, unknown>, finish: string | null = null): string =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const frames = [delta({ role: 'assistant', content: '' })];
  let call = 0;
  for (const block of input.content) {
    if (block.type === 'text') {
      for (const text of chunks(block.text, input.chunkSize)) frames.push(delta({ content: text }));
    } else if (block.type === 'tool_use') {
      const index = call;
      call += 1;
      const id = block.id ?? `call_${input.id.slice(9)}_${index}`;
      const json = 'rawInput' in block ? block.rawInput : JSON.stringify(block.input);
      frames.push(delta({ tool_calls: [{ index, id, type: 'function', function: { name: block.name, arguments: '' } }] }));
      for (const args of chunks(json, input.chunkSize)) frames.push(delta({ tool_calls: [{ index, function: { arguments: args } }] }));
    }
  }
  frames.push(delta({}, FINISH_REASONS[input.stopReason]));
  if (input.usage) frames.push(chunk([], { usage: input.usage }));
  frames.push(DONE_FRAME);
  return frames;
}

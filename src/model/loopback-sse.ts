// What the loopback Messages API server sends: the SSE events of a scripted
// message, exactly in the API's order and shapes, with usage computed from the
// request (prompt-cache breakpoints included) unless the script fixes it.
import { createHash } from 'node:crypto';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { estimateTokens } from './usage.js';

export type LoopbackBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: unknown; id?: string }
  /** A tool call whose input is sent verbatim, e.g. malformed JSON. */
  | { type: 'tool_use'; name: string; rawInput: string; id?: string }
  | { type: 'thinking'; thinking: string; signature: string };

export interface LoopbackUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** Part of the cache creation written with the 1h TTL. */
  cache_creation_1h_input_tokens: number;
}

export type LoopbackStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'pause_turn';

export interface SseEvent {
  event: string;
  data: unknown;
}

/** The prompt-cache state of one server: prefixes it has seen. */
export class PromptCache {
  readonly #keys = new Set<string>();

  /**
   * Usage of the prompt of `body`: cache reads for the longest breakpoint prefix
   * seen before, cache writes for the rest up to the last breakpoint.
   */
  measure(body: MessageCreateParamsBase): Omit<LoopbackUsage, 'output_tokens'> {
    const segments = promptSegments(body);
    let prompt = '';
    const breakpoints: Array<{ key: string; tokens: number; ttl: string }> = [];
    for (const segment of segments) {
      prompt += segment.text;
      if (segment.ttl) {
        breakpoints.push({ key: createHash('sha256').update(prompt).digest('hex'), tokens: estimateTokens(prompt), ttl: segment.ttl });
      }
    }
    const total = estimateTokens(prompt);
    const hit = [...breakpoints].reverse().find((bp) => this.#keys.has(bp.key));
    const last = breakpoints[breakpoints.length - 1];
    const read = hit?.tokens ?? 0;
    const created = last && last !== hit ? last.tokens - read : 0;
    for (const bp of breakpoints) this.#keys.add(bp.key);
    return {
      input_tokens: total - read - created,
      cache_read_input_tokens: read,
      cache_creation_input_tokens: created,
      cache_creation_1h_input_tokens: last?.ttl === '1h' ? created : 0,
    };
  }
}

interface Segment {
  text: string;
  ttl?: string;
}

function ttlOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ttl = (value as { ttl?: unknown }).ttl;
  return typeof ttl === 'string' ? ttl : '5m';
}

/** The prompt in the API's cache order (tools, system, messages), one segment per block. */
function promptSegments(body: MessageCreateParamsBase): Segment[] {
  const out: Segment[] = [];
  const push = (block: unknown, text: string): void => {
    const ttl = ttlOf((block as { cache_control?: unknown }).cache_control);
    out.push(ttl ? { text, ttl } : { text });
  };
  for (const tool of body.tools ?? []) push(tool, JSON.stringify({ ...tool, cache_control: undefined }));
  if (typeof body.system === 'string') out.push({ text: body.system });
  else for (const block of body.system ?? []) push(block, block.text);
  for (const message of body.messages) {
    if (typeof message.content === 'string') out.push({ text: `${message.role}:${message.content}` });
    else for (const block of message.content) push(block, `${message.role}:${JSON.stringify({ ...block, cache_control: undefined })}`);
  }
  return out;
}

/** `text` in pieces of `size` characters: how the loopback servers split streamed text and JSON. */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const blockOutputText = (block: LoopbackBlock): string =>
  block.type === 'text'
    ? block.text
    : block.type === 'thinking'
      ? block.thinking
      : 'rawInput' in block
        ? block.rawInput
        : JSON.stringify(block.input);

export function outputTokens(content: readonly LoopbackBlock[]): number {
  return Math.max(1, estimateTokens(content.map(blockOutputText).join('')));
}

function blockEvents(block: LoopbackBlock, index: number, chunkSize: number, toolId: string): SseEvent[] {
  const start = (content_block: unknown): SseEvent => ({
    event: 'content_block_start',
    data: { type: 'content_block_start', index, content_block },
  });
  const delta = (d: unknown): SseEvent => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } });
  const events: SseEvent[] = [];
  if (block.type === 'text') {
    events.push(start({ type: 'text', text: '', citations: null }));
    for (const text of chunks(block.text, chunkSize)) events.push(delta({ type: 'text_delta', text }));
  } else if (block.type === 'thinking') {
    events.push(start({ type: 'thinking', thinking: '', signature: '' }));
    for (const thinking of chunks(block.thinking, chunkSize)) events.push(delta({ type: 'thinking_delta', thinking }));
    events.push(delta({ type: 'signature_delta', signature: block.signature }));
  } else {
    const json = 'rawInput' in block ? block.rawInput : JSON.stringify(block.input);
    events.push(start({ type: 'tool_use', id: block.id ?? toolId, name: block.name, input: {}, caller: { type: 'direct' } }));
    for (const partial_json of chunks(json, chunkSize)) events.push(delta({ type: 'input_json_delta', partial_json }));
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/** The full event sequence of one streamed message. */
export function messageEvents(input: {
  id: string;
  model: string;
  content: readonly LoopbackBlock[];
  stopReason: LoopbackStopReason;
  usage: LoopbackUsage;
  chunkSize: number;
}): SseEvent[] {
  const { usage } = input;
  const cacheCreation = {
    ephemeral_5m_input_tokens: usage.cache_creation_input_tokens - usage.cache_creation_1h_input_tokens,
    ephemeral_1h_input_tokens: usage.cache_creation_1h_input_tokens,
  };
  const inputUsage = {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
  };
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: input.id,
          type: 'message',
          role: 'assistant',
          model: input.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          stop_details: null,
          container: null,
          diagnostics: null,
          usage: {
            ...inputUsage,
            cache_creation: cacheCreation,
            output_tokens: 1,
            inference_geo: null,
            output_tokens_details: null,
            server_tool_use: null,
            service_tier: 'standard',
            speed: null,
          },
        },
      },
    },
    { event: 'ping', data: { type: 'ping' } },
  ];
  input.content.forEach((block, index) => {
    events.push(...blockEvents(block, index, input.chunkSize, `toolu_${input.id.slice(4)}_${index}`));
  });
  events.push(
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: input.stopReason, stop_sequence: null, stop_details: null, container: null },
        usage: { ...inputUsage, output_tokens: usage.output_tokens, output_tokens_details: null, server_tool_use: null },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}

export const formatSse = (e: SseEvent): string => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;

// Reads a Claude Code session's message stream (the Agent SDK's SDKMessage values, the same JSON
// `claude -p --output-format stream-json` prints) into what Crucible records and shows: the session
// id, live text, each tool call paired with its result, the tokens of every model call, and the end.
import type { TokenUsage } from '../../model/usage.js';
import { MCP_PREFIX } from './permissions.js';

/** The parts of a stream message this reader looks at; anything else passes by. */
export interface StreamMessage {
  type: string;
  subtype?: string;
  session_id?: string;
  parent_tool_use_id?: string | null;
  message?: { id?: string; model?: string; content?: unknown };
  event?: {
    type?: string;
    message?: { id?: string; model?: string; usage?: RawUsage };
    delta?: { type?: string; text?: string };
    usage?: RawUsage;
  };
  is_error?: boolean;
  result?: string;
  errors?: string[];
  num_turns?: number;
}

interface RawUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_1h_input_tokens?: number | null } | null;
}

export interface ToolCallSeen {
  /** Crucible's name for an MCP tool (`complete_task`), else Claude Code's (`Write`). */
  name: string;
  input: Record<string, unknown>;
  ok: boolean;
  text: string;
}

export interface SessionEnd {
  subtype: string;
  isError: boolean;
  text: string;
  turns: number;
}

export interface StreamSink {
  session?: (id: string) => void;
  text?: (text: string) => void;
  toolCall?: (call: ToolCallSeen) => void;
  /** One model call's tokens, once its stream ended (message_delta carries the final output count). */
  usage?: (model: string, tokens: TokenUsage) => void;
}

const n = (value: number | null | undefined): number => (typeof value === 'number' && value > 0 ? Math.floor(value) : 0);

function tokensOf(start: RawUsage, end: RawUsage): TokenUsage {
  const pick = <K extends keyof RawUsage>(key: K) => end[key] ?? start[key];
  const cacheCreation = n(pick('cache_creation_input_tokens') as number | undefined);
  return {
    inputTokens: n(pick('input_tokens') as number | undefined),
    outputTokens: n(end.output_tokens ?? start.output_tokens),
    cacheCreationTokens: cacheCreation,
    cacheCreation1hTokens: Math.min(cacheCreation, n((end.cache_creation ?? start.cache_creation)?.ephemeral_1h_input_tokens)),
    cacheReadTokens: n(pick('cache_read_input_tokens') as number | undefined),
  };
}

const blocksOf = (content: unknown): Record<string, unknown>[] =>
  Array.isArray(content) ? content.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null) : [];

const resultText = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : blocksOf(content)
        .map((b) => (typeof b.text === 'string' ? b.text : ''))
        .join('\n');

/** Feed it every message of one session, in order; it calls the sink as things happen and keeps the end. */
export class SessionStreamReader {
  private readonly pending = new Map<string, { name: string; input: Record<string, unknown> }>();
  private call: { model: string; start: RawUsage } | undefined;
  sessionId: string | undefined;
  end: SessionEnd | undefined;

  constructor(private readonly sink: StreamSink) {}

  read(message: StreamMessage): void {
    if (message.session_id && message.session_id !== this.sessionId) {
      this.sessionId = message.session_id;
      this.sink.session?.(message.session_id);
    }
    // A subagent's traffic (parent_tool_use_id set) is not the agent's own conversation.
    if (message.parent_tool_use_id) return;
    if (message.type === 'stream_event') this.streamEvent(message.event ?? {});
    else if (message.type === 'assistant') this.assistant(message.message?.content);
    else if (message.type === 'user') this.results(message.message?.content);
    else if (message.type === 'result') {
      this.end = {
        subtype: message.subtype ?? 'unknown',
        isError: message.is_error === true || (message.subtype !== undefined && message.subtype !== 'success'),
        text: message.result ?? (message.errors ?? []).join('; '),
        turns: n(message.num_turns),
      };
    }
  }

  private streamEvent(event: NonNullable<StreamMessage['event']>): void {
    if (event.type === 'message_start') this.call = { model: event.message?.model ?? 'unknown', start: event.message?.usage ?? {} };
    else if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta' && event.delta.text)
      this.sink.text?.(event.delta.text);
    else if (event.type === 'message_delta' && this.call) {
      this.sink.usage?.(this.call.model, tokensOf(this.call.start, event.usage ?? {}));
      this.call = undefined;
    }
  }

  private assistant(content: unknown): void {
    for (const block of blocksOf(content)) {
      if (block.type !== 'tool_use' || typeof block.id !== 'string' || typeof block.name !== 'string') continue;
      const input = typeof block.input === 'object' && block.input !== null ? (block.input as Record<string, unknown>) : {};
      const name = block.name.startsWith(MCP_PREFIX) ? block.name.slice(MCP_PREFIX.length) : block.name;
      this.pending.set(block.id, { name, input });
    }
  }

  private results(content: unknown): void {
    for (const block of blocksOf(content)) {
      if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
      const call = this.pending.get(block.tool_use_id);
      if (!call) continue;
      this.pending.delete(block.tool_use_id);
      this.sink.toolCall?.({ ...call, ok: block.is_error !== true, text: resultText(block.content) });
    }
  }
}

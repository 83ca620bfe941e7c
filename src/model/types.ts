// The model seam. Everything above this file talks to a `ModelClient` and never
// learns which provider answered: one turn in (`TurnRequest`), one stream of
// `ModelEvent`s out, ending in exactly one `turn.completed` or `turn.failed`.
import type { TokenUsage } from './usage.js';

/** A tool the model may call: name, description and the JSON Schema of its input. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12) with `type: "object"` at the root. */
  inputSchema: { type: 'object'; [key: string]: unknown };
}

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolResultBlock {
  type: 'tool_result';
  toolUseId: string;
  /** What the tool returned, as the agent should read it (gate refusals included). */
  content: string;
  isError?: boolean;
}

/** Model reasoning, kept only so it can be passed back unchanged on the next turn. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;

export interface Message {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

/**
 * The system prompt in two parts: `stable` is the cacheable prefix (agent prompt,
 * house rules) that must not change between turns; `volatile` changes freely.
 */
export interface SystemPrompt {
  stable: string;
  volatile?: string;
}

/** Who is asking; used for accounting and by the scripted model to pick its script. */
export interface TurnMeta {
  role?: string;
  taskId?: string;
}

export interface TurnRequest {
  /** Overrides the client's default model for this turn. */
  model?: string;
  system: SystemPrompt;
  messages: Message[];
  tools?: ToolDefinition[];
  maxTokens: number;
  signal?: AbortSignal;
  meta?: TurnMeta;
  /**
   * How many leading messages are the pinned part of the context (the same on
   * every turn of this agent); they are cached with the system prompt and tools.
   */
  pinnedMessages?: number;
}

export type StopReason =
  'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** The completed assistant message of a turn, ready to append to the conversation. */
export interface AssistantMessage {
  id: string;
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stopReason: StopReason;
  usage: TokenUsage;
  /**
   * Tool calls in `content` whose input was not a JSON object (their `input` is `{}`).
   * Answer each with an error `tool_result` so the model can correct itself.
   */
  toolInputErrors: ToolInputError[];
}

export interface ToolInputError {
  id: string;
  name: string;
  rawInput: string;
  message: string;
}

export type ModelErrorKind =
  | 'cancelled'
  | 'timeout'
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'connection'
  | 'stream_cut'
  | 'protocol'
  | 'auth'
  | 'invalid_request'
  | 'not_found'
  | 'script'
  | 'unknown';

export interface ModelError {
  kind: ModelErrorKind;
  /** One line, secrets redacted. */
  message: string;
  /** True when the same turn may succeed if tried again later. */
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** How many HTTP attempts were made before giving up. */
  attempts: number;
  /** The provider that failed, when it is not Anthropic (whose key and status page the run's fix names by default). */
  provider?: string;
}

export type ModelEvent =
  /** A piece of assistant text, in order. */
  | { type: 'text.delta'; index: number; text: string }
  /** A complete tool call with its parsed input object. */
  | { type: 'tool.use'; index: number; id: string; name: string; input: Record<string, unknown> }
  /** The model produced a tool call whose input is not a JSON object; the agent should be told. */
  | { type: 'tool.input_error'; index: number; id: string; name: string; rawInput: string; message: string }
  /** Token usage so far in this turn (cumulative). */
  | { type: 'usage'; usage: TokenUsage }
  /** A failed attempt is being retried after `delayMs`. */
  | { type: 'retry'; attempt: number; delayMs: number; error: ModelError }
  | { type: 'turn.completed'; message: AssistantMessage }
  /** The turn failed. `usage` is what was spent before it failed. */
  | { type: 'turn.failed'; error: ModelError; usage: TokenUsage; partial: ContentBlock[] };

export interface ModelClient {
  /** `anthropic`, `scripted`, ... recorded with usage. */
  readonly provider: string;
  /** The model used when a request names none. */
  readonly defaultModel: string;
  /** One turn. Never throws: failures arrive as a final `turn.failed` event. */
  stream(request: TurnRequest): AsyncIterable<ModelEvent>;
}

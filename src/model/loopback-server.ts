// A loopback server that speaks the Messages API (POST /v1/messages, streamed
// as server-sent events, errors in the API's JSON shape) from a script: a queue
// of replies, then a handler function, then a fallback. It listens on
// 127.0.0.1 on a free port, records every request, and can inject the faults a
// real client must survive: 429 with retry-after, 500, 529 overloaded, a
// stream cut mid-message, an `error` event mid-stream, malformed tool JSON, a
// slow stream, a request that never answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import {
  ReplyScript,
  acceptRequest,
  jsonObjectOf,
  listenOnLoopback,
  writeFrames,
  type RecordedExchange,
  type StreamFaults,
} from './loopback-http.js';
import {
  PromptCache,
  formatSse,
  messageEvents,
  outputTokens,
  type LoopbackBlock,
  type LoopbackStopReason,
  type LoopbackUsage,
} from './loopback-sse.js';

export type { LoopbackBlock, LoopbackStopReason, LoopbackUsage } from './loopback-sse.js';

export interface MessageReply extends StreamFaults {
  kind: 'message';
  content: LoopbackBlock[];
  /** Default: `tool_use` when the content calls a tool, else `end_turn`. */
  stopReason?: LoopbackStopReason;
  /** Fixes usage fields; the rest are computed from the request (with prompt caching). */
  usage?: Partial<LoopbackUsage>;
  model?: string;
  /** Characters per text or JSON delta (default 8), so inputs arrive split across chunks. */
  chunkSize?: number;
}

export interface ErrorReply {
  kind: 'error';
  status: number;
  /** API error type; defaults from the status (429 rate_limit_error, 529 overloaded_error, ...). */
  type?: string;
  message?: string;
  /** Sent as the `retry-after` header (seconds). */
  retryAfter?: string;
  headers?: Record<string, string>;
}

/** Accept the request and never answer, until the client disconnects. */
export interface HangReply {
  kind: 'hang';
}

export type LoopbackReply = MessageReply | ErrorReply | HangReply;

export type RecordedRequest = RecordedExchange<MessageCreateParamsBase>;

export type LoopbackHandler = (request: RecordedRequest) => LoopbackReply | Promise<LoopbackReply>;

export interface LoopbackServerOptions {
  replies?: LoopbackReply[];
  handler?: LoopbackHandler;
  /** Used when the queue is empty and there is no handler. Default: a 500 naming the problem. */
  fallback?: LoopbackReply;
  /** Model name reported when a reply names none: the request's model. */
  model?: string;
}

export interface LoopbackServer {
  /** Base URL for the SDK (`baseURL` / ANTHROPIC_BASE_URL), e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  enqueue(...replies: LoopbackReply[]): void;
  setHandler(handler: LoopbackHandler | undefined): void;
  /** Resolves with the next request to arrive. */
  nextRequest(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/** Reply builders for the common cases. */
export const reply = {
  text: (text: string, options: Omit<MessageReply, 'kind' | 'content'> = {}): MessageReply => ({
    kind: 'message',
    content: [{ type: 'text', text }],
    ...options,
  }),
  toolUse: (
    name: string,
    input: unknown,
    options: Omit<MessageReply, 'kind' | 'content'> & { text?: string; id?: string } = {},
  ): MessageReply => {
    const { text, id, ...rest } = options;
    const call: LoopbackBlock = id === undefined ? { type: 'tool_use', name, input } : { type: 'tool_use', name, input, id };
    return { kind: 'message', content: text ? [{ type: 'text', text }, call] : [call], ...rest };
  },
  error: (status: number, options: Omit<ErrorReply, 'kind' | 'status'> = {}): ErrorReply => ({ kind: 'error', status, ...options }),
  hang: (): HangReply => ({ kind: 'hang' }),
};

/** The tool results in the request's last user message, as text: what a handler usually branches on. */
export function toolResultsOf(request: RecordedRequest): Array<{ toolUseId: string; text: string; isError: boolean }> {
  const last = request.body.messages.at(-1);
  if (!last || last.role !== 'user' || typeof last.content === 'string') return [];
  return last.content.flatMap((block) => {
    if (block.type !== 'tool_result') return [];
    const text =
      typeof block.content === 'string'
        ? block.content
        : (block.content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
    return [{ toolUseId: block.tool_use_id, text, isError: block.is_error ?? false }];
  });
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

function sendError(res: ServerResponse, requestId: string, r: ErrorReply): void {
  const type = r.type ?? ERROR_TYPES[r.status] ?? 'api_error';
  res.writeHead(r.status, {
    'content-type': 'application/json',
    'request-id': requestId,
    ...(r.retryAfter !== undefined ? { 'retry-after': r.retryAfter } : {}),
    ...r.headers,
  });
  res.end(JSON.stringify({ type: 'error', error: { type, message: r.message ?? `mock ${type}` }, request_id: requestId }));
}

function parseBody(text: string): MessageCreateParamsBase | string {
  const body = jsonObjectOf(text);
  if (typeof body === 'string') return body;
  if (typeof body.model !== 'string') return 'model: required string';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: required number';
  if (!Array.isArray(body.messages)) return 'messages: required array';
  // Checked above for the fields the server reads; the rest is recorded as sent.
  return body as unknown as MessageCreateParamsBase;
}

export async function startLoopbackServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const script = new ReplyScript<LoopbackReply, RecordedRequest>(
    options.replies,
    options.handler,
    (index) => options.fallback ?? { kind: 'error', status: 500, message: `loopback server: no scripted reply for request #${index}` },
  );
  const requests: RecordedRequest[] = [];
  const waiters: Array<(r: RecordedRequest) => void> = [];
  const cache = new PromptCache();
  let messageCount = 0;

  async function stream(res: ServerResponse, r: MessageReply, body: MessageCreateParamsBase, gone: Promise<unknown>): Promise<void> {
    messageCount += 1;
    const id = `msg_loopback_${String(messageCount).padStart(4, '0')}`;
    const usage: LoopbackUsage = { ...cache.measure(body), output_tokens: outputTokens(r.content), ...r.usage };
    const stopReason = r.stopReason ?? (r.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const events = messageEvents({
      id,
      model: r.model ?? options.model ?? body.model,
      content: r.content,
      stopReason,
      usage,
      chunkSize: r.chunkSize ?? 8,
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_${id}` });
    const errorEvent = (type: string, message: string) => formatSse({ event: 'error', data: { type: 'error', error: { type, message } } });
    await writeFrames(res, events.map(formatSse), r, gone, errorEvent);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_loopback_${requests.length}`;
    const accepted = await acceptRequest(req, res, requests, {
      paths: ['/v1/messages'],
      parse: parseBody,
      refuse: (status, message) => sendError(res, requestId, { kind: 'error', status, message }),
      recorded: (recorded) => waiters.splice(0).forEach((wake) => wake(recorded)),
    });
    if (!accepted) return;
    const { recorded, gone } = accepted;
    const r = await script.next(recorded, recorded.index);
    if (r.kind === 'error') return sendError(res, requestId, r);
    if (r.kind === 'hang') return void (await gone);
    await stream(res, r, recorded.body, gone);
  }

  const listening = await listenOnLoopback(handle, (res, error) =>
    sendError(res, 'req_loopback_error', { kind: 'error', status: 500, message: String(error) }),
  );
  return {
    url: listening.url,
    requests,
    enqueue: (...replies) => script.enqueue(...replies),
    setHandler: (next) => script.setHandler(next),
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: listening.close,
  };
}

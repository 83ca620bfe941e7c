// A loopback server that speaks OpenAI's Chat Completions API (POST
// /v1/chat/completions, streamed as `data:` lines ending in `[DONE]`, errors in
// OpenAI's JSON shape) from the same replies as the Messages API loopback
// server: a queue, then a handler, then a fallback. It listens on 127.0.0.1 on
// a free port, records every request, and injects the faults a client must
// survive: 429 with retry-after, 5xx, a stream cut mid-answer, an error chunk
// mid-stream, malformed tool arguments, a server that ignores `include_usage`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ErrorReply, LoopbackReply, MessageReply } from './loopback-server.js';
import { ReplyScript, acceptRequest, jsonObjectOf, listenOnLoopback, writeFrames, type RecordedExchange } from './loopback-http.js';
import { chatFrames, chatUsage, formatChatSse } from './openai-loopback-sse.js';

export { reply } from './loopback-server.js';
export type { ErrorReply, LoopbackReply, MessageReply } from './loopback-server.js';

/** A reply of this server: the shared ones, and a completion whose usage chunk is left out even when asked for. */
export type ChatReply = LoopbackReply | (MessageReply & { omitUsage?: boolean });

export type ChatRecordedRequest = RecordedExchange<ChatCompletionCreateParamsBase>;

export type ChatLoopbackHandler = (request: ChatRecordedRequest) => ChatReply | Promise<ChatReply>;

export interface ChatLoopbackServerOptions {
  replies?: ChatReply[];
  handler?: ChatLoopbackHandler;
  /** Used when the queue is empty and there is no handler. Default: a 500 naming the problem. */
  fallback?: ChatReply;
}

export interface ChatLoopbackServer {
  /** The server's root, e.g. http://127.0.0.1:43121 */
  readonly url: string;
  /** The base URL for the client (`baseURL`, OPENAI_BASE_URL, model.baseUrl): `url` + `/v1`. */
  readonly baseURL: string;
  readonly requests: readonly ChatRecordedRequest[];
  enqueue(...replies: ChatReply[]): void;
  setHandler(handler: ChatLoopbackHandler | undefined): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Readonly<Record<number, [type: string, code: string | null]>> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', 'overloaded'],
};

function sendError(res: ServerResponse, r: ErrorReply): void {
  const [type, code] = ERROR_TYPES[r.status] ?? ['server_error', null];
  res.writeHead(r.status, {
    'content-type': 'application/json',
    'x-request-id': 'req_loopback',
    ...(r.retryAfter !== undefined ? { 'retry-after': r.retryAfter } : {}),
    ...r.headers,
  });
  res.end(JSON.stringify({ error: { message: r.message ?? `mock ${r.type ?? type}`, type: r.type ?? type, param: null, code } }));
}

function parseBody(text: string): ChatCompletionCreateParamsBase | string {
  const body = jsonObjectOf(text);
  if (typeof body === 'string') return body;
  if (typeof body.model !== 'string') return 'model: required string';
  if (!Array.isArray(body.messages)) return 'messages: required array';
  // Checked above for the fields the server reads; the rest is recorded as sent.
  return body as unknown as ChatCompletionCreateParamsBase;
}

export async function startChatLoopbackServer(options: ChatLoopbackServerOptions = {}): Promise<ChatLoopbackServer> {
  const script = new ReplyScript<ChatReply, ChatRecordedRequest>(
    options.replies,
    options.handler,
    (index) => options.fallback ?? { kind: 'error', status: 500, message: `loopback server: no scripted reply for request #${index}` },
  );
  const requests: ChatRecordedRequest[] = [];
  let completions = 0;

  async function stream(
    res: ServerResponse,
    r: ChatReply & { kind: 'message' },
    body: ChatCompletionCreateParamsBase,
    gone: Promise<unknown>,
  ) {
    completions += 1;
    const id = `chatcmpl-loopback${String(completions).padStart(4, '0')}`;
    const wantsUsage = body.stream_options?.include_usage === true && !('omitUsage' in r && r.omitUsage);
    const stopReason = r.stopReason ?? (r.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const frames = chatFrames({
      id,
      model: r.model ?? body.model,
      content: r.content,
      stopReason,
      usage: wantsUsage ? chatUsage(body, r.content, r.usage) : null,
      chunkSize: r.chunkSize ?? 8,
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': `req_${id}` });
    const errorChunk = (type: string, message: string) => formatChatSse({ error: { message, type, param: null, code: null } });
    await writeFrames(res, frames, r, gone, errorChunk);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const accepted = await acceptRequest(req, res, requests, {
      paths: ['/v1/chat/completions', '/chat/completions'],
      parse: parseBody,
      refuse: (status, message) => sendError(res, { kind: 'error', status, message }),
    });
    if (!accepted) return;
    const { recorded, gone } = accepted;
    const r = await script.next(recorded, recorded.index);
    if (r.kind === 'error') return sendError(res, r);
    if (r.kind === 'hang') return void (await gone);
    await stream(res, r, recorded.body, gone);
  }

  const listening = await listenOnLoopback(handle, (res, error) => sendError(res, { kind: 'error', status: 500, message: String(error) }));
  return {
    url: listening.url,
    baseURL: `${listening.url}/v1`,
    requests,
    enqueue: (...replies) => script.enqueue(...replies),
    setHandler: (next) => script.setHandler(next),
    close: listening.close,
  };
}

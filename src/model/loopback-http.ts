// The HTTP plumbing both loopback model servers share (the Messages API one and
// the Chat Completions one): reading a request, the scripted reply order (queue,
// then handler, then fallback), streaming frames with the faults a client must
// survive, and listening on a free 127.0.0.1 port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Faults a streamed reply can inject, counted in frames (SSE events or `data:` chunks). */
export interface StreamFaults {
  /** Pause before each frame: a slow stream. */
  eventDelayMs?: number;
  /** After this many frames, drop the connection (a cut stream). */
  cutAfterEvents?: number;
  /** After this many frames, end the response cleanly without the closing frame. */
  endAfterEvents?: number;
  /** After this many frames, send nothing more until the client goes away. */
  holdAfterEvents?: number;
  /** After this many frames, send an error frame (e.g. overloaded_error) and end. */
  errorAfterEvents?: { events: number; type: string; message: string };
}

/** One exchange's end: `gone` settles when the response closes; `closed` says how. */
export interface Exchange {
  gone: Promise<void>;
  closed: Promise<'completed' | 'client-disconnected'>;
}

export function exchangeOf(res: ServerResponse): Exchange {
  const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const closed = gone.then((): 'completed' | 'client-disconnected' => (res.writableFinished ? 'completed' : 'client-disconnected'));
  return { gone, closed };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  // An IncomingMessage without setEncoding yields Buffers.
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The request's headers, names lower-cased, repeated values joined. */
export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  return headers;
}

/** A request as the servers record it. */
export interface RecordedExchange<Body> {
  /** 0-based arrival order. */
  index: number;
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Body;
  /** Settles when the exchange ends: the reply was sent, or the client went away first. */
  closed: Promise<'completed' | 'client-disconnected'>;
}

export interface Route<Body> {
  paths: readonly string[];
  /** The body, or the line saying why it is refused. */
  parse(text: string): Body | string;
  refuse(status: number, message: string): void;
  recorded?(request: RecordedExchange<Body>): void;
}

/** Reads, routes, validates and records a request; refuses what the server cannot answer by streaming (then undefined). */
export async function acceptRequest<Body extends { stream?: unknown }>(
  req: IncomingMessage,
  res: ServerResponse,
  requests: RecordedExchange<Body>[],
  route: Route<Body>,
): Promise<{ recorded: RecordedExchange<Body>; gone: Promise<void> } | undefined> {
  const { gone, closed } = exchangeOf(res);
  const text = await readBody(req);
  if (req.method !== 'POST' || !route.paths.includes(req.url?.split('?')[0] ?? '')) {
    return void route.refuse(404, `no route ${req.method} ${req.url}`);
  }
  const body = route.parse(text);
  if (typeof body === 'string') return void route.refuse(400, body);
  const recorded: RecordedExchange<Body> = {
    index: requests.length,
    method: req.method,
    path: req.url ?? '',
    headers: headersOf(req),
    body,
    closed,
  };
  requests.push(recorded);
  route.recorded?.(recorded);
  if (body.stream !== true) return void route.refuse(400, 'the loopback server only streams; send stream: true');
  return { recorded, gone };
}

/** A JSON object body, or the line saying why it is not one. */
export function jsonObjectOf(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'request body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'request body must be an object';
  return value as Record<string, unknown>;
}

/** The scripted replies: the queue first, then the handler, then the fallback, else a 500 naming the request. */
export class ReplyScript<Reply, Request> {
  readonly #queue: Reply[];
  #handler: ((request: Request) => Reply | Promise<Reply>) | undefined;

  constructor(
    replies: readonly Reply[] | undefined,
    handler: ((request: Request) => Reply | Promise<Reply>) | undefined,
    private readonly fallback: (index: number) => Reply,
  ) {
    this.#queue = [...(replies ?? [])];
    this.#handler = handler;
  }

  enqueue(...replies: Reply[]): void {
    this.#queue.push(...replies);
  }

  setHandler(handler: ((request: Request) => Reply | Promise<Reply>) | undefined): void {
    this.#handler = handler;
  }

  async next(request: Request, index: number): Promise<Reply> {
    return this.#queue.shift() ?? (await this.#handler?.(request)) ?? this.fallback(index);
  }
}

/** Writes the frames in order, applying the reply's faults; `errorFrame` renders the mid-stream error. */
export async function writeFrames(
  res: ServerResponse,
  frames: readonly string[],
  faults: StreamFaults,
  gone: Promise<unknown>,
  errorFrame: (type: string, message: string) => string,
): Promise<void> {
  for (let i = 0; i <= frames.length; i += 1) {
    if (i === faults.cutAfterEvents) return void res.socket?.destroy();
    if (i === faults.endAfterEvents) return void res.end();
    if (i === faults.holdAfterEvents) return void (await gone);
    if (i === faults.errorAfterEvents?.events)
      return void res.end(errorFrame(faults.errorAfterEvents.type, faults.errorAfterEvents.message));
    const frame = frames[i];
    if (frame === undefined) break;
    if (faults.eventDelayMs) await delay(faults.eventDelayMs);
    if (res.destroyed) return;
    // Wait until each frame is handed to the socket, so a later cut never swallows it.
    await new Promise<void>((resolve) => res.write(frame, () => resolve()));
  }
  res.end();
}

export interface ListeningLoopback {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  close(): Promise<void>;
}

/** Serves `handle` on a free port of 127.0.0.1; a handler that throws gets `crashed` (before headers) or a dropped socket. */
export async function listenOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  crashed: (res: ServerResponse, error: unknown) => void,
): Promise<ListeningLoopback> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) crashed(res, error);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

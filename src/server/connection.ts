// One client of the workspace socket: requests in, responses and stream items
// out, each a line; it runs the operations the server was given.

import type { Socket } from 'node:net';
import type { Operation } from '../app/operations/operation.js';
import { RecordRefusal } from '../record/refusal.js';
import { formatIssuePath } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';
import { toWireError } from './errors.js';
import {
  clientNotificationSchema,
  encodeLine,
  lineSplitter,
  requestSchema,
  RPC,
  type Hello,
  type RpcErrorObject,
  type RpcId,
  type RpcRequest,
} from './protocol.js';
import type { WorkspaceServices } from '../app/services.js';

/** A request bigger than this is refused and its connection closed. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Requests one connection may have in flight (worked on, or answered but not yet taken by the client). */
export const MAX_IN_FLIGHT = 32;

/** Streams (`log --follow`) one connection may hold open; they hold in-flight slots, so fewer than MAX_IN_FLIGHT. */
const MAX_STREAMS = 8;

export interface ConnectionEnv {
  ws: Workspace;
  services: WorkspaceServices;
  hello: Hello;
  operations: ReadonlyMap<string, Operation>;
  isClosing(): boolean;
  /** Called with a connection's in-flight count each time it grows (for the server's peak). */
  onInFlight(n: number): void;
}

/** One request read from the client, parsed (or not) when it arrived. */
type Incoming = { ok: true; raw: unknown } | { ok: false };

/**
 * One client: requests in, responses and stream items out, each a line.
 *
 * Memory per connection is bounded: at most MAX_IN_FLIGHT requests are worked
 * on at once, and a request keeps its slot until its answer has been taken by
 * the client (write() returned true, or 'drain'). At the bound the connection
 * stops reading (socket.pause()), so a client that pipelines without reading
 * its answers only fills its own buffers and the kernel's, never the holder's.
 * `cancel` notifications skip the queue, so a client can always stop a stream.
 */
export class Connection {
  private readonly inflight = new Map<RpcId, { controller: AbortController; done: Promise<void>; stream: boolean }>();
  private readonly queue: Incoming[] = [];
  private busy = 0;
  private streams = 0;
  private gone = false;
  private stopping = false;
  /** Set once the connection calls an agent-session operation: from then on it is never the human. */
  private session: string | undefined;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly socket: Socket,
    private readonly env: ConnectionEnv,
  ) {
    socket.on(
      'data',
      lineSplitter(
        (line) => this.onLine(line),
        () => {
          this.queue.length = 0;
          void this.send({
            jsonrpc: '2.0',
            id: null,
            error: {
              code: RPC.invalidRequest,
              message: `a request longer than ${MAX_REQUEST_BYTES} bytes was refused; the connection is closed`,
            },
          });
          socket.end();
        },
        MAX_REQUEST_BYTES,
      ),
    );
    socket.on('error', () => undefined);
    socket.on('drain', () => this.wakeWriters());
    socket.on('close', () => {
      this.gone = true;
      this.queue.length = 0;
      this.wakeWriters();
      for (const { controller } of this.inflight.values()) controller.abort();
    });
  }

  get activeCalls(): number {
    let n = 0;
    for (const r of this.inflight.values()) if (!r.stream) n += 1;
    return n;
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const { controller } of this.inflight.values()) controller.abort();
    this.wakeWriters();
    // Requests read but not started are answered `closing` (the client retries elsewhere).
    this.pump();
    await Promise.allSettled([...this.inflight.values()].map((r) => r.done));
    if (this.gone) return;
    // Let the client read what was sent, but never wait on one that does not hang up.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), 500);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  private onLine(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      this.queue.push({ ok: false });
      return this.pump();
    }
    const note = clientNotificationSchema.safeParse(raw);
    if (note.success) return void this.inflight.get(note.data.params.id)?.controller.abort();
    this.queue.push({ ok: true, raw });
    this.pump();
  }

  /** Starts queued requests while there is room; reads from the client only while there is. */
  private pump(): void {
    while (this.queue.length > 0 && (this.busy < MAX_IN_FLIGHT || this.stopping) && !this.gone) {
      const incoming = this.queue.shift()!;
      this.busy += 1;
      this.env.onInFlight(this.busy);
      void this.serve(incoming).finally(() => {
        this.busy -= 1;
        this.pump();
      });
    }
    if (this.gone) return;
    if (this.queue.length > 0) this.socket.pause();
    else this.socket.resume();
  }

  /** Answers one request; resolves once the answer is written and taken. */
  private async serve(incoming: Incoming): Promise<void> {
    if (!incoming.ok) return this.fail(null, RPC.parseError, 'the request is not valid JSON');
    const raw = incoming.raw;
    const request = requestSchema.safeParse(raw);
    if (!request.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      const issue = request.error.issues[0];
      return this.fail(
        typeof id === 'number' || typeof id === 'string' ? id : null,
        RPC.invalidRequest,
        `not a JSON-RPC 2.0 request: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid'}`,
      );
    }
    if (this.inflight.has(request.data.id))
      return this.fail(request.data.id, RPC.invalidRequest, `request id ${request.data.id} is already in use`);
    return this.handle(request.data);
  }

  private async handle(request: RpcRequest): Promise<void> {
    const { id, method } = request;
    if (this.env.isClosing()) return this.fail(id, RPC.closing, `${this.env.hello.name} is shutting down`);
    if (method === 'hello') return this.send({ jsonrpc: '2.0', id, result: this.env.hello });
    const op = this.env.operations.get(method);
    if (!op)
      return this.fail(id, RPC.methodNotFound, `unknown method ${method}; known: hello, ${[...this.env.operations.keys()].join(', ')}`);
    if (op.audience === 'human' && this.session) {
      return this.fail(
        id,
        toWireError(
          new RecordRefusal(
            'human-only',
            `${method} is the human's to do; this connection works for the agent session ${this.session}`,
            'the human does it from a terminal (e.g. `crucible judgments answer`, `crucible proposals approve`, `crucible decide`)',
          ),
        ),
      );
    }
    const params = op.params.safeParse(request.params ?? {});
    if (!params.success) {
      const issue = params.error.issues[0];
      return this.fail(
        id,
        RPC.invalidParams,
        `${method}: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid params'}`,
      );
    }
    if (op.audience === 'session') this.session ??= sessionActorOf(params.data);
    if (op.kind === 'stream' && this.streams >= MAX_STREAMS)
      return this.fail(id, RPC.busy, `this connection already has ${MAX_STREAMS} streams open; end one (cancel) before starting another`);
    const controller = new AbortController();
    const env = { ws: this.env.ws, services: this.env.services, actor: this.env.hello.actor, signal: controller.signal };
    const stream = op.kind === 'stream';
    if (stream) this.streams += 1;
    const run = async () => {
      try {
        if (op.kind === 'call') {
          const result = await op.run(env, params.data);
          await this.send({ jsonrpc: '2.0', id, result });
        } else {
          await op.stream(env, params.data, (item) => this.write({ jsonrpc: '2.0', method: 'stream.item', params: { id, item } }));
          await this.send({ jsonrpc: '2.0', id, result: { ended: true } });
        }
      } catch (error) {
        await this.fail(id, toWireError(error));
      } finally {
        this.inflight.delete(id);
        if (stream) this.streams -= 1;
      }
    };
    const done = run();
    this.inflight.set(id, { controller, done, stream });
    return done;
  }

  private fail(id: RpcId | null, error: RpcErrorObject): Promise<void>;
  private fail(id: RpcId | null, code: number, message: string): Promise<void>;
  private fail(id: RpcId | null, codeOrError: number | RpcErrorObject, message = ''): Promise<void> {
    const error = typeof codeOrError === 'number' ? { code: codeOrError, message } : codeOrError;
    return this.send({ jsonrpc: '2.0', id, error });
  }

  /** Writes an answer and resolves once the client has taken it (or is gone, or the server is stopping). */
  private async send(message: unknown): Promise<void> {
    if (this.gone || this.socket.destroyed) return;
    if (this.socket.write(encodeLine(message)) || this.stopping) return;
    await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  /** Writes a stream item and waits until the client has taken it: a slow client slows only its own stream. */
  private async write(message: unknown): Promise<void> {
    if (this.gone || this.socket.destroyed) throw new Error('the client went away');
    await this.send(message);
  }

  private wakeWriters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** The actor a session operation's params name (see Audience): `session.actor`. */
function sessionActorOf(params: unknown): string {
  const actor = (params as { session?: { actor?: unknown } }).session?.actor;
  return typeof actor === 'string' ? actor : 'an agent session';
}

// The other end of the workspace socket: a connection to the process holding
// the record. Every response is validated with the operation's own schema.
import { lstat } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import { z } from 'zod';
import { CrucibleError, failure, formatIssuePath } from '../shared/errors.js';
import { fromWireError } from './errors.js';
import type { CallOperation, OperationCaller, StreamOperation } from '../app/operations/operation.js';
import { untrustedSocket } from './trust.js';
import {
  encodeLine,
  helloResultSchema,
  lineSplitter,
  serverMessageSchema,
  socketPathFits,
  type Hello,
  type RpcErrorObject,
} from './protocol.js';

/** Operations run by the holder: a stream resolves when the holder ends it (or `signal` stops it); items arrive in order. */
export interface SessionClient extends OperationCaller {
  readonly hello: Hello;
  /** Resolves when the connection is gone, for whatever reason. */
  readonly ended: Promise<void>;
  close(): void;
}

/** The final answer to a stream, after its last item. */
const streamEndSchema = z.object({ ended: z.literal(true) }).strict();

/** Big enough for any page the holder sends; a longer line means something is wrong. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface Pending {
  method: string;
  settle(outcome: { result: unknown } | { error: RpcErrorObject }): void;
  lost(error: Error): void;
  item?: (item: unknown) => void;
}

/**
 * Connects and says hello. Undefined when nobody serves the socket (no file,
 * a stale file, or a holder that does not answer within `timeoutMs`). Throws
 * `socket-untrusted` for a socket that is not this user's alone (see trust.ts).
 */
export async function connectSession(socketPath: string, options: { timeoutMs?: number } = {}): Promise<SessionClient | undefined> {
  if (!socketPathFits(socketPath)) return undefined;
  const info = await lstat(socketPath).catch(() => undefined);
  if (!info?.isSocket()) return undefined;
  const untrusted = untrustedSocket(socketPath, info);
  if (untrusted) throw untrusted;
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const s = createConnection(socketPath);
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(undefined));
  });
  if (!socket) return undefined;
  const client = new Client(socket);
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new Error('no answer')), options.timeoutMs ?? 2000)),
  );
  try {
    const raw = await Promise.race([client.request('hello', {}, undefined), silent]);
    const hello = helloResultSchema.safeParse(raw);
    if (!hello.success) {
      client.close();
      throw failure(
        'session-protocol',
        `the process serving ${socketPath} speaks another protocol`,
        'use the same Crucible version in both terminals',
      );
    }
    client.hello = hello.data;
    return client;
  } catch (error) {
    client.close();
    if (error instanceof CrucibleError && error.code === 'session-protocol') throw error;
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

class Client implements SessionClient {
  hello: Hello = { protocol: 1, pid: 0, name: '', root: '', actor: 'human' };
  readonly ended: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone = false;

  constructor(private readonly socket: Socket) {
    socket.on(
      'data',
      lineSplitter(
        (line) => this.onLine(line),
        () => this.abandon(failure('session-protocol', 'the running session sent a line that is too long', 'report it')),
        MAX_RESPONSE_BYTES,
      ),
    );
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        this.gone = true;
        const who = this.hello.pid ? `${this.hello.name} (process ${this.hello.pid})` : 'the running session';
        for (const p of this.pending.values())
          p.lost(failure('session-lost', `${who} went away before answering ${p.method}`, 'run the command again'));
        this.pending.clear();
        resolve();
      }),
    );
  }

  async call<P extends z.ZodType, R extends z.ZodType>(
    op: CallOperation<P, R>,
    params: z.input<P>,
    signal?: AbortSignal,
  ): Promise<z.output<R>> {
    return checked(op.method, op.result, await this.request(op.method, params, undefined, signal));
  }

  async stream<P extends z.ZodType, I extends z.ZodType>(
    op: StreamOperation<P, I>,
    params: z.input<P>,
    onItem: (item: z.output<I>) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    checked(op.method, streamEndSchema, await this.request(op.method, params, (raw) => onItem(checked(op.method, op.item, raw)), signal));
  }

  close(): void {
    this.socket.destroy();
  }

  request(method: string, params: unknown, item: ((raw: unknown) => void) | undefined, signal?: AbortSignal): Promise<unknown> {
    if (this.gone) return Promise.reject(failure('session-lost', 'the running session has gone away', 'run the command again'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.socket.write(encodeLine({ jsonrpc: '2.0', method: 'cancel', params: { id } }));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        method,
        settle: (outcome) => {
          cleanup();
          if ('result' in outcome) resolve(outcome.result);
          else reject(fromWireError(outcome.error, method));
        },
        lost: (error) => {
          cleanup();
          reject(error);
        },
        ...(item ? { item } : {}),
      });
      this.socket.write(encodeLine({ jsonrpc: '2.0', id, method, params }));
      if (signal?.aborted) onAbort();
    });
  }

  private onLine(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return this.abandon(
        failure(
          'session-protocol',
          'the running session sent something that is not JSON',
          'use the same Crucible version in both terminals',
        ),
      );
    }
    const message = serverMessageSchema.safeParse(raw);
    if (!message.success)
      return this.abandon(
        failure(
          'session-protocol',
          'the running session sent a message this version does not understand',
          'use the same Crucible version in both terminals',
        ),
      );
    const m = message.data;
    if ('method' in m) {
      const p = this.pending.get(Number(m.params.id));
      try {
        p?.item?.(m.params.item);
      } catch (error) {
        // An item we cannot take ends the stream here, and the holder is told to stop sending.
        this.pending.delete(Number(m.params.id));
        this.socket.write(encodeLine({ jsonrpc: '2.0', method: 'cancel', params: { id: m.params.id } }));
        p?.lost(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    if (m.id === null) {
      // An error not tied to a request: the holder could not read what we sent.
      return this.abandon(
        failure(
          'session-protocol',
          `the running session refused a request: ${'error' in m ? m.error.message : 'unknown'}`,
          'use the same Crucible version in both terminals',
        ),
      );
    }
    const p = this.pending.get(Number(m.id));
    if (!p) return;
    this.pending.delete(Number(m.id));
    p.settle('error' in m ? { error: m.error } : { result: m.result });
  }

  private abandon(error: Error): void {
    for (const p of this.pending.values()) p.lost(error);
    this.pending.clear();
    this.socket.destroy();
  }
}

function checked<S extends z.ZodType>(method: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw failure(
    'session-protocol',
    `the running session answered ${method} with an unexpected result (${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid'})`,
    'use the same Crucible version in both terminals',
  );
}

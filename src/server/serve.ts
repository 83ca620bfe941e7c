// While a long-lived process holds a workspace (crucible-tui, `crucible run`,
// `crucible mcp`), it serves `.crucible/crucible.sock` (owner-only) so that
// commands from other terminals reach the record through it instead of
// failing on LevelDB's one-process lock.
import { unlinkSync } from 'node:fs';
import { chmod, lstat, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import type { Operation } from '../app/operations/operation.js';
import { failure } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';
import { processActor } from './actor.js';
import { Connection } from './connection.js';
import { foreignSocket } from './trust.js';
import { MAX_SOCKET_PATH_BYTES, PROTOCOL_VERSION, socketPathFits, type Hello } from './protocol.js';
import { workspaceServices, type ServiceCaches } from '../app/services.js';

export interface ServeOptions {
  /** Who holds the record, as other processes are told (e.g. `crucible-tui`). */
  name: string;
  /** Shared with earlier openings of the same workspace, so the index and agent files load once. */
  caches?: ServiceCaches;
  /** Who human operations served here are recorded as: this process's actor (default: CRUCIBLE_ACTOR, or "human"). */
  actor?: string;
}

export interface WorkspaceServer {
  readonly socketPath: string;
  /** Requests being worked on now (streams such as `log --follow` do not count). */
  readonly activeRequests: number;
  /** The most requests any one connection has had in flight at once (never above MAX_IN_FLIGHT). */
  readonly peakInFlight: number;
  /** Stops accepting, cancels and finishes what is in flight, and removes the socket file. */
  close(): Promise<void>;
}

/** Serves `operations` (and `hello`) to other processes; nothing else is reachable over the socket. */
export async function serveWorkspace(ws: Workspace, operations: readonly Operation[], options: ServeOptions): Promise<WorkspaceServer> {
  const path = ws.paths.socket;
  if (!socketPathFits(path))
    throw failure(
      'socket-path-too-long',
      `cannot serve ${path}: a local socket path may have at most ${MAX_SOCKET_PATH_BYTES} bytes`,
      'move the project to a shorter path to use it from other terminals',
    );
  await clearStaleSocket(path);
  const services = workspaceServices(ws, options.caches ?? {});
  const hello: Hello = {
    protocol: PROTOCOL_VERSION,
    pid: process.pid,
    name: options.name,
    root: ws.paths.root,
    actor: options.actor ?? processActor(),
  };
  const served = new Map(operations.map((op) => [op.method, op]));
  const connections = new Set<Connection>();
  let closing = false;
  let peakInFlight = 0;
  const server = createServer((socket) => {
    if (closing) return void socket.destroy();
    const connection = new Connection(socket, {
      ws,
      services,
      hello,
      operations: served,
      isClosing: () => closing,
      onInFlight: (n) => (peakInFlight = Math.max(peakInFlight, n)),
    });
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await listenOwnerOnly(server, path);
  const { ino } = await lstat(path);
  // A process that exits without closing (an uncaught error, process.exit) still removes its socket.
  const removeOnExit = () => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', removeOnExit);
  let closed: Promise<void> | undefined;
  return {
    socketPath: path,
    get activeRequests() {
      let n = 0;
      for (const c of connections) n += c.activeCalls;
      return n;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      (closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([...connections].map((c) => c.shutdown()));
        await stopped;
        process.off('exit', removeOnExit);
        // Remove the file only if it is still ours (a successor may already serve its own).
        const now = await lstat(path).catch(() => undefined);
        if (now?.ino === ino) await rm(path, { force: true });
      })()),
  };
}

/** Binds with a umask that leaves the socket owner-only from its first moment, then makes sure of it. */
async function listenOwnerOnly(server: Server, path: string): Promise<void> {
  const listening = new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: Error) =>
      reject(failure('socket-listen', `cannot serve ${path}: ${error.message}`, 'check that .crucible/ is writable')),
    );
  });
  const previous = process.umask(0o177);
  try {
    server.listen(path);
  } finally {
    process.umask(previous);
  }
  await listening;
  try {
    await chmod(path, 0o600);
  } catch (error) {
    server.close();
    throw failure('socket-listen', `cannot make ${path} owner-only: ${(error as Error).message}`, 'check that .crucible/ is writable');
  }
}

/**
 * A socket file left by a holder that died is removed; a live one, something
 * that is not a socket, or a socket another user made is not touched.
 */
async function clearStaleSocket(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return;
  if (!info.isSocket())
    throw failure(
      'socket-path-taken',
      `${path} exists and is not a socket`,
      'remove it (Crucible creates it while a session holds the workspace)',
    );
  const foreign = foreignSocket(path, info);
  if (foreign) throw foreign;
  if (await answers(path))
    throw failure('socket-in-use', `another process already serves ${path}`, 'stop that process, or work through it');
  await rm(path, { force: true });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    const done = (live: boolean) => {
      probe.destroy();
      resolve(live);
    };
    probe.once('connect', () => done(true));
    probe.once('error', () => done(false));
    probe.setTimeout(500, () => done(false));
  });
}

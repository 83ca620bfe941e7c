// The one place that decides how to reach a workspace's record: through the
// process that holds it, when one serves the socket, or by opening LevelDB in
// this process. Callers name an operation; both paths run the same one.
import { CrucibleError } from '../shared/errors.js';
import { findWorkspaceRoot } from '../workspace/find.js';
import { openWorkspace, type Workspace } from '../workspace/open.js';
import { workspacePaths } from '../workspace/paths.js';
import type { TableName } from '../record/tables.js';
import { connectSession, type SessionClient } from './client.js';
import { processActor } from './actor.js';
import { HolderClosingError } from './errors.js';
import { localCaller, type OperationCaller } from '../app/operations/operation.js';
import { workspaceServices, type ServiceCaches } from '../app/services.js';

export type RecordAccess = LocalAccess | SessionAccess;

interface AccessBase extends OperationCaller {
  close(): Promise<void>;
}

export interface LocalAccess extends AccessBase {
  via: 'local';
  ws: Workspace;
}

export interface SessionAccess extends AccessBase {
  via: 'session';
  client: SessionClient;
}

export interface ReachOptions {
  dir?: string | undefined;
  cwd?: string;
  command?: string;
  /** How long to wait for a holder that does not serve the socket (a short command) to let go. */
  waitForLockMs?: number;
  caches?: ServiceCaches;
  /** Who human operations are recorded as when the record is opened here (default: CRUCIBLE_ACTOR, or "human"). */
  actor?: string;
  /** Load only these projections when the record is opened here (a short read command's); all when undefined. */
  tables?: readonly TableName[] | undefined;
}

const isHeld = (error: unknown) => error instanceof CrucibleError && error.code === 'workspace-held';

export async function reachRecord(options: ReachOptions): Promise<RecordAccess> {
  const root = findWorkspaceRoot(options);
  const socket = workspacePaths(root).socket;
  const first = await connectSession(socket);
  if (first) return sessionAccess(first);
  try {
    return localAccess(await openWorkspace({ ...options, dir: root }), options.caches, options.actor);
  } catch (error) {
    // The holder may have started serving while we waited for its lock.
    const second = isHeld(error) ? await connectSession(socket) : undefined;
    if (second) return sessionAccess(second);
    throw error;
  }
}

/**
 * Runs `fn` against the record, reached either way, and lets go after. When a
 * holder is shutting down and refuses to start the request, it tries again
 * (the next attempt finds the successor, or opens the record itself).
 */
export async function withRecord<T>(options: ReachOptions, fn: (record: RecordAccess) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const record = await reachRecord(options);
    try {
      return await fn(record);
    } catch (error) {
      if (!(error instanceof HolderClosingError) || attempt >= 3) throw error;
    } finally {
      await record.close();
    }
  }
}

export function localAccess(ws: Workspace, caches: ServiceCaches = {}, actor = processActor()): LocalAccess {
  const { call, stream } = localCaller({ ws, services: workspaceServices(ws, caches), actor });
  return {
    via: 'local',
    ws,
    call,
    stream,
    close: () => ws.close(),
  };
}

export function sessionAccess(client: SessionClient): SessionAccess {
  return {
    via: 'session',
    client,
    call: (op, params, signal) => client.call(op, params, signal),
    stream: (op, params, onItem, signal) => client.stream(op, params, onItem, signal),
    close: async () => client.close(),
  };
}

import { RecordBus } from '../bus/bus.js';
import type { Bus } from '../bus/types.js';
import type { EventStore } from '../record/event-store.js';
import type { Config } from './config.js';
import { loadConfigRemembered } from './config-memo.js';
import { findWorkspaceRoot } from './find.js';
import { workspacePaths, type WorkspacePaths } from './paths.js';
import { openRecord } from './record-store.js';
import type { TableName } from '../record/tables.js';

/** An open project: its paths, validated config, the record and the bus over it. */
export interface Workspace {
  paths: WorkspacePaths;
  config: Config;
  store: EventStore;
  bus: Bus;
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  dir?: string | undefined;
  cwd?: string;
  command?: string;
  /** Short-lived commands wait this long for another short-lived holder to let go. */
  waitForLockMs?: number;
  /** Load only these projections (a short read command's, see LevelEventStore's `tables`); all when undefined. */
  tables?: readonly TableName[] | undefined;
}

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
  const root = findWorkspaceRoot(options);
  const paths = workspacePaths(root);
  const config = await loadConfigRemembered(paths.config);
  const store = await openRecord({
    config,
    paths,
    command: options.command ?? 'crucible',
    waitForLockMs: options.waitForLockMs ?? 0,
    ...(options.tables ? { tables: options.tables } : {}),
  });
  const bus = new RecordBus(store);
  return { paths, config, store, bus, close: () => store.close() };
}

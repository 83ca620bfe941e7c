import { RecordBus } from '../bus/bus.js';
import type { Bus } from '../bus/types.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../record/event-store.js';
import { LevelEventStore, type OpenOptions } from '../record/store.js';
import { CrucibleError } from '../shared/errors.js';
import { loadConfig, type Config } from './config.js';
import { findWorkspaceRoot } from './find.js';
import { workspacePaths, type WorkspacePaths } from './paths.js';

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
}

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
  const root = findWorkspaceRoot(options);
  const paths = workspacePaths(root);
  const config = loadConfig(paths.config);
  const store = await openStoreWaiting(
    { dir: paths.db, holderFile: paths.holder, command: options.command ?? 'crucible', sync: config.record.sync },
    options.waitForLockMs ?? 0,
  );
  const bus = new RecordBus(store);
  return { paths, config, store, bus, close: () => store.close() };
}

async function openStoreWaiting(options: OpenOptions, waitMs: number): Promise<EventStore> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await LevelEventStore.open(options);
    } catch (error) {
      const held = error instanceof CrucibleError && error.code === 'workspace-held';
      if (!held || Date.now() >= deadline) throw error;
      await sleep(50);
    }
  }
}

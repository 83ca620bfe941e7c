// Which record a workspace opens: the PostgreSQL database named by CRUCIBLE_RECORD_URL or the
// config's `record.url` (the environment wins), else the embedded LevelDB in `.crucible/db`.
// A workspace whose config says `record.embedded` (the demo's) always opens its LevelDB.
// A PostgreSQL record has no single holder: any number of processes open it at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../record/event-store.js';
import { parseRecordUrl, redactUrl } from '../record/pg/url.js';
import { LevelEventStore } from '../record/store.js';
import { CrucibleError } from '../shared/errors.js';
import type { Config } from './config.js';
import type { WorkspacePaths } from './paths.js';
import type { TableName } from '../record/tables.js';

export const RECORD_URL_ENV = 'CRUCIBLE_RECORD_URL';

/** The PostgreSQL URL this workspace's record lives at, validated, or undefined for LevelDB. */
export function recordUrlOf(config: Config, paths: WorkspacePaths, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (config.record.embedded === true) return undefined;
  const fromEnv = env[RECORD_URL_ENV];
  if (fromEnv) return parseRecordUrl(fromEnv, RECORD_URL_ENV);
  return config.record.url === undefined ? undefined : parseRecordUrl(config.record.url, `${paths.config}: record.url`);
}

export interface OpenRecordOptions {
  config: Config;
  paths: WorkspacePaths;
  command: string;
  /** Short-lived commands wait this long for another short-lived LevelDB holder to let go. */
  waitForLockMs: number;
  /** Load only these projections of an embedded record (see LevelEventStore's `tables`); a PostgreSQL record loads all. */
  tables?: readonly TableName[];
}

/** The PostgreSQL store and its driver are loaded only for a workspace whose record lives there. */
async function openPgRecord(url: string): Promise<EventStore> {
  const { PgEventStore } = await import('../record/pg/store.js');
  return PgEventStore.open({ url });
}

export async function openRecord(options: OpenRecordOptions): Promise<EventStore> {
  const url = recordUrlOf(options.config, options.paths);
  if (url) return openPgRecord(url);
  const deadline = Date.now() + options.waitForLockMs;
  for (;;) {
    try {
      return await LevelEventStore.open({
        dir: options.paths.db,
        holderFile: options.paths.holder,
        command: options.command,
        sync: options.config.record.sync,
        ...(options.tables ? { tables: options.tables } : {}),
      });
    } catch (error) {
      const held = error instanceof CrucibleError && error.code === 'workspace-held';
      if (!held || Date.now() >= deadline) throw error;
      await sleep(50);
    }
  }
}

/** Opens the workspace's PostgreSQL record once (creating its tables when it is new) and says how many events it holds. */
export async function joinRecord(config: Config, paths: WorkspacePaths): Promise<{ url: string; events: number } | undefined> {
  const url = recordUrlOf(config, paths);
  if (!url) return undefined;
  const store = await openPgRecord(url);
  const events = store.head();
  await store.close();
  return { url: redactUrl(url), events };
}

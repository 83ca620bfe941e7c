import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AbstractSublevel } from 'abstract-level';
import { Level } from 'level';
import { failure } from '../shared/errors.js';
import { isStorageDamage } from './damage.js';
import { TABLE_NAMES, type TableName } from './tables.js';

/** The LevelDB layout: one sublevel for the log and one per table. */
export type JsonLevel = Level<string, unknown>;
export type Sublevel = AbstractSublevel<JsonLevel, string | Buffer | Uint8Array, string, unknown>;

export interface Keyspaces {
  db: JsonLevel;
  log: Sublevel;
  /** Facts about the record itself (see trust-mark.ts). */
  meta: Sublevel;
  tables: Record<TableName, Sublevel>;
}

/** Fixed width so LevelDB's byte order is log order. */
export const SEQ_WIDTH = 16;
export const seqKey = (seq: number): string => String(seq).padStart(SEQ_WIDTH, '0');

export interface Holder {
  pid: number;
  command: string;
  startedAt: string;
}

const isLocked = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === 'LEVEL_LOCKED' || e?.cause?.code === 'LEVEL_LOCKED';
};

async function readHolder(holderFile: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(holderFile, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** Opens the database, turning LevelDB's lock error into a message that names the holder. */
export async function openKeyspaces(dir: string, holderFile: string, command: string): Promise<Keyspaces> {
  const db: JsonLevel = new Level<string, unknown>(dir, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (error) {
    if (isLocked(error)) {
      const holder = await readHolder(holderFile);
      const who = holder ? `process ${holder.pid} (${holder.command}, since ${holder.startedAt})` : 'another process';
      throw failure(
        'workspace-held',
        `the workspace record at ${dir} is held by ${who}`,
        'wait for it to finish, or use the running session (`crucible status` talks to a running crucible-tui)',
      );
    }
    if (isStorageDamage(error)) throw error;
    throw failure(
      'db-open',
      `cannot open the record at ${dir}: ${(error as Error).message}`,
      'check the directory exists and is writable',
      error,
    );
  }
  await writeFile(holderFile, JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() } satisfies Holder), {
    mode: 0o600,
  });
  return keyspacesOf(db);
}

/** The sublevels over an open database. */
export function keyspacesOf(db: JsonLevel): Keyspaces {
  const sub = (name: string) => db.sublevel<string, unknown>(name, { valueEncoding: 'json' });
  const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, sub(`t-${t}`)])) as Record<TableName, Sublevel>;
  return { db, log: sub('log'), meta: sub('meta'), tables };
}

/** Opens a database no holder file guards: a copy being salvaged or a record being built. */
export async function openRawKeyspaces(dir: string): Promise<Keyspaces> {
  const db: JsonLevel = new Level<string, unknown>(dir, { valueEncoding: 'json' });
  await db.open();
  return keyspacesOf(db);
}

export async function closeKeyspaces(keyspaces: Keyspaces, holderFile: string): Promise<void> {
  const holder = await readHolder(holderFile);
  if (holder?.pid === process.pid) await rm(holderFile, { force: true });
  await keyspaces.db.close();
}

export { readHolder };

const PAGE = 1000;
// classic-level's own option (abstract-level's types do not know it): read a page in one go.
const WIDE: object = { highWaterMarkBytes: 1 << 20 };

/**
 * A sublevel's entries in pages (`nextv`): reading entry by entry with `for await` costs a
 * round trip into the native iterator per entry, several times the cost of the read itself.
 */
export async function* pagesOf(sublevel: Sublevel, options: { gt?: string; limit?: number } = {}): AsyncGenerator<[string, unknown][]> {
  yield* drain(sublevel.iterator({ ...options, ...WIDE }));
}

/** A sublevel's entries in pages with each value as its stored text (JSON for every keyspace here), undecoded. */
export async function* textPagesOf(sublevel: Sublevel): AsyncGenerator<[string, string][]> {
  yield* drain(sublevel.iterator<string, string>({ valueEncoding: 'utf8', ...WIDE }));
}

/** A sublevel's stored texts alone, in key order and in pages: no key is decoded (replay reads the sequence from each event). */
export async function* valueTextPagesOf(sublevel: Sublevel): AsyncGenerator<string[]> {
  yield* drain(sublevel.values<string, string>({ valueEncoding: 'utf8', ...WIDE }));
}

/** The first and last keys of a sublevel (undefined when it is empty). */
export async function keyBounds(sublevel: Sublevel): Promise<{ first: string; last: string } | undefined> {
  const [first] = await sublevel.keys({ limit: 1 }).all();
  const [last] = await sublevel.keys({ reverse: true, limit: 1 }).all();
  return first === undefined || last === undefined ? undefined : { first, last };
}

/** A sublevel's keys in pages, as `pagesOf`. */
export async function* keyPagesOf(sublevel: Sublevel): AsyncGenerator<string[]> {
  yield* drain(sublevel.keys({ ...WIDE }));
}

/** An iterator's entries, PAGE at a time, closed however the reader stops. */
async function* drain<T>(iterator: { nextv(size: number): Promise<T[]>; close(): Promise<void> }): AsyncGenerator<T[]> {
  try {
    for (;;) {
      const page = await iterator.nextv(PAGE);
      if (page.length === 0) return;
      yield page;
    }
  } finally {
    await iterator.close();
  }
}

// The statements the PostgreSQL record runs: one statement writes a batch (log rows, projection
// upserts and deletes, and the commit notification), and the reads that load or catch up.
import type { ClientBase, Pool } from 'pg';
import type { RecordEvent } from '../events.js';
import { emptyTables, TABLE_NAMES, type Change, type TableName, type Tables } from '../tables.js';
import { CHANNEL } from './schema.js';

export interface Statement {
  text: string;
  values: unknown[];
}

const WRITE_BATCH = `
WITH appended AS (
  INSERT INTO crucible_log (seq, hash, event) SELECT * FROM unnest($1::bigint[], $2::char(64)[], $3::json[])
), upserted AS (
  INSERT INTO crucible_rows (tbl, key, row) SELECT * FROM unnest($4::text[], $5::text[], $6::json[])
  ON CONFLICT (tbl, key) DO UPDATE SET row = excluded.row
), deleted AS (
  DELETE FROM crucible_rows r USING unnest($7::text[], $8::text[]) AS d(tbl, key) WHERE r.tbl = d.tbl AND r.key = d.key
)
SELECT pg_notify('${CHANNEL}', $9)`;

/** One statement for one batch: the events with their hashes, and every projection row they change. */
export function writeBatch(events: readonly { event: RecordEvent; hash: string }[], changes: readonly Change[]): Statement {
  const upserts = changes.filter((c) => c.row !== null);
  const deletes = changes.filter((c) => c.row === null);
  return {
    text: WRITE_BATCH,
    values: [
      events.map((e) => e.event.seq),
      events.map((e) => e.hash),
      events.map((e) => JSON.stringify(e.event)),
      upserts.map((c) => c.table),
      upserts.map((c) => c.key),
      upserts.map((c) => JSON.stringify(c.row)),
      deletes.map((c) => c.table),
      deletes.map((c) => c.key),
      String(events.at(-1)?.event.seq ?? 0),
    ],
  };
}

export interface LoggedRow {
  seq: string;
  hash: string;
  event: unknown;
}

/** The log after `since`, in order, at most `limit` rows. */
export async function readLog(db: ClientBase | Pool, since: number, limit: number): Promise<LoggedRow[]> {
  const { rows } = await db.query<LoggedRow>('SELECT seq, hash, event FROM crucible_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
    since,
    limit,
  ]);
  return rows;
}

/** Every stored projection row, as tables. */
export async function loadRows(db: ClientBase): Promise<Tables> {
  const tables = emptyTables();
  const known = new Set<string>(TABLE_NAMES);
  const { rows } = await db.query<{ tbl: string; key: string; row: unknown }>('SELECT tbl, key, row FROM crucible_rows');
  for (const { tbl, key, row } of rows) if (known.has(tbl)) (tables[tbl as TableName] as Map<string, unknown>).set(key, row);
  return tables;
}

/** The last event's sequence number and hash, and how many events there are (equal to the head when gap-free). */
export async function logHead(db: ClientBase): Promise<{ head: number; hash: string | undefined; count: number }> {
  const { rows } = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM crucible_log ORDER BY seq DESC LIMIT 1');
  const count = await db.query<{ n: string }>('SELECT count(*) AS n FROM crucible_log');
  return { head: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash, count: Number(count.rows[0]?.n ?? 0) };
}

// The statements the PostgreSQL record runs: one statement writes a batch (log rows, projection
// upserts and deletes, and the commit notification), and the reads that load or catch up.
import { escapeLiteral, type ClientBase, type Pool } from 'pg';
import type { RecordEvent } from '../events.js';
import { emptyTables, TABLE_NAMES, type Change, type TableName, type Tables } from '../tables.js';
import { CHANNEL } from './lock.js';
import { parseEvent } from '../validate.js';

export interface Statement {
  text: string;
  values: unknown[];
}

const array = (type: string, items: readonly string[]) => `ARRAY[${items.join(',')}]::${type}[]`;
const texts = (type: string, items: readonly string[]) => array(type, items.map(escapeLiteral));

/**
 * One statement for one batch: the events with their hashes, and every projection row they change. The values
 * are written into the text as escaped literals (no bound parameters), so the store can send the statement and
 * its COMMIT in one round trip while it holds the writers' lock.
 */
export function writeBatch(events: readonly { event: RecordEvent; hash: string }[], changes: readonly Change[]): Statement {
  const upserts = changes.filter((c) => c.row !== null);
  const deletes = changes.filter((c) => c.row === null);
  const logRows = [
    array(
      'bigint',
      events.map((e) => String(e.event.seq)),
    ),
    texts(
      'char(64)',
      events.map((e) => e.hash),
    ),
    texts(
      'json',
      events.map((e) => JSON.stringify(e.event)),
    ),
  ];
  const upsertRows = [
    texts(
      'text',
      upserts.map((c) => c.table),
    ),
    texts(
      'text',
      upserts.map((c) => c.key),
    ),
    texts(
      'json',
      upserts.map((c) => JSON.stringify(c.row)),
    ),
  ];
  const deleteRows = [
    texts(
      'text',
      deletes.map((c) => c.table),
    ),
    texts(
      'text',
      deletes.map((c) => c.key),
    ),
  ];
  const text = `
WITH appended AS (
  INSERT INTO crucible_log (seq, hash, event) SELECT * FROM unnest(${logRows.join(', ')})
), upserted AS (
  INSERT INTO crucible_rows (tbl, key, row) SELECT * FROM unnest(${upsertRows.join(', ')})
  ON CONFLICT (tbl, key) DO UPDATE SET row = excluded.row
), deleted AS (
  DELETE FROM crucible_rows r USING unnest(${deleteRows.join(', ')}) AS d(tbl, key) WHERE r.tbl = d.tbl AND r.key = d.key
)
SELECT pg_notify('${CHANNEL}', '${events.at(-1)?.event.seq ?? 0}')`;
  return { text, values: [] };
}

export interface LoggedRow {
  seq: string;
  hash: string;
  /** The event's JSON text exactly as written, which is what its hash covers. */
  event: string;
}

/** The columns of a log row as LoggedRow reads them. */
export const LOG_COLUMNS = 'seq, hash, event::text AS event';

/** The log after `since`, in order, at most `limit` rows. */
export async function readLog(db: ClientBase | Pool, since: number, limit: number): Promise<LoggedRow[]> {
  const { rows } = await db.query<LoggedRow>(`SELECT ${LOG_COLUMNS} FROM crucible_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [
    since,
    limit,
  ]);
  return rows;
}

const READ_PAGE = 5_000;

/** The log's events after `since` (at most `limit`), decoded and validated, read a page at a time. */
export async function* readEvents(
  db: Pool,
  options: { since?: number | undefined; limit?: number | undefined },
  failed: (error: unknown) => Error,
): AsyncIterable<RecordEvent> {
  let since = options.since ?? 0;
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const rows = await readLog(db, since, Math.min(READ_PAGE, left)).catch((error: unknown) => Promise.reject(failed(error)));
    for (const row of rows) yield parseEvent(JSON.parse(row.event), `log entry ${row.seq}`);
    if (rows.length < READ_PAGE) return;
    since = Number(rows.at(-1)!.seq);
    left -= rows.length;
  }
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

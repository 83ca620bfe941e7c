// One batch through the server-side append (append-fn.ts): the call in one round trip, and what a writer
// does when the connection drops around its COMMIT — asks the record over another connection whether the
// batch landed (crucible_writers names each writer's last batch), and if it did reads the log up to it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { appendCall } from './append-fn.js';
import { durable } from './durable.js';
import { substitute, type NonceBatch } from './nonce.js';
import { ASSIGNED_IDS, type RecordEvent } from '../events.js';
import type { Change } from '../tables.js';
import { trusts } from './revision.js';
import { isStale } from './speculate.js';
import { readLog, writeBatch, type LoggedRow, type Statement } from './sql.js';

export interface ServerAppended {
  /** Every log row after the writer's head up to its batch's last event, in order. */
  rows: LoggedRow[];
  /** The event schema revision check (revision.ts), when the round trip read it. */
  trusted: boolean | undefined;
  /** The error of a connection lost after the batch was written. */
  lost: unknown;
}

/** A fresh id for one writer (one store): the key of its row in crucible_writers. */
export const newWriterId = (): string => randomUUID();

/** Sends the batch; 'stale' when a row it read changed (nothing written). Throws when it failed and was not written. */
export async function appendOnServer(
  client: pg.PoolClient,
  pool: pg.Pool,
  at: { head: number; writer: string },
  batch: NonceBatch,
): Promise<ServerAppended | 'stale'> {
  // The first placeholder is random and used once: it names the batch.
  const batchId = batch.seqNonces[0]!;
  try {
    const results = (await client.query(appendCall(at.head, at.writer, batchId, batch))) as unknown as pg.QueryResult[];
    const rows = results[0]!.rows as LoggedRow[];
    // The function returns the batch's own events last; fewer rows than events would resolve appends with nothing.
    if (rows.length < batch.events.length)
      throw new Error(`crucible_append returned ${rows.length} rows for ${batch.events.length} events`);
    return {
      rows,
      trusted: trusts(results[1]?.rows as { value: string }[] | undefined),
      lost: undefined,
    };
  } catch (error) {
    if (isStale(error)) return 'stale';
    const last = await landedAt(pool, at.writer, batchId);
    if (last === undefined) throw error;
    const rows: LoggedRow[] = [];
    while (rows.length < last - at.head) {
      const page = await readLog(pool, at.head + rows.length, last - at.head - rows.length);
      if (page.length === 0) throw error;
      rows.push(...page);
    }
    return { rows, trusted: undefined, lost: error };
  }
}

/** The last sequence number of the writer's batch if it is in the record (and now durable), asked over another connection. */
async function landedAt(pool: pg.Pool, writer: string, batchId: string): Promise<number | undefined> {
  try {
    const { rows } = await pool.query<{ seq: string }>('SELECT seq FROM crucible_writers WHERE writer = $1 AND batch = $2', [
      writer,
      batchId,
    ]);
    if (rows[0] === undefined) return undefined;
    await durable(pool);
    return Number(rows[0].seq);
  } catch {
    return undefined;
  }
}

/** For the benchmark (PgOpenOptions.observeBatch): the statement writeBatch gives the same log and projection rows. */
export function writtenStatement(batch: NonceBatch, own: readonly RecordEvent[], rows: readonly LoggedRow[]): Statement {
  const numbers = new Map(batch.seqNonces.map((nonce, i) => [nonce, own[i]!.seq]));
  const counters = new Map<string, number>();
  for (const { prefix, nonce } of batch.ids) {
    const i = batch.events.findIndex((text) => text.includes(nonce));
    const event = own[i]!;
    const field = (ASSIGNED_IDS as Partial<Record<string, { field: string }>>)[event.type]!.field;
    const value = Number(String((event.data as Record<string, unknown>)[field]).slice(prefix.length + 1));
    numbers.set(nonce, value);
    counters.set(prefix, Math.max(counters.get(prefix) ?? 0, value));
  }
  const changes = batch.changes.map(
    (c) => ({ ...c, key: substitute(c.key, numbers), row: JSON.parse(substitute(JSON.stringify(c.row), numbers)) }) as Change,
  );
  for (const [prefix, value] of counters) changes.push({ table: 'counters', key: `id.${prefix}`, row: { name: `id.${prefix}`, value } });
  return writeBatch(
    own.map((event, i) => ({ event, hash: rows[i]!.hash })),
    changes,
  );
}

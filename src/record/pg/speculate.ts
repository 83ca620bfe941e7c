// A batch written in one round trip while the lock is held only inside the server. A writer whose view
// was the record's head at its last batch stages against that view without reading first, and sends
// the lock, a guard that the head is still the one it staged after, and the write as one implicit
// transaction: when another process wrote meanwhile, the guard aborts it (nothing written, the lock
// released at once) and the writer takes the usual path (lock, read what is new, stage, write).
import { stageBatch, type PendingAppend, type PrepareOptions, type StagedBatch } from '../prepare.js';
import type { TableReader } from '../tx.js';
import { WRITER_LOCK } from './schema.js';
import type { Statement } from './sql.js';

/** The SQLSTATE of the guard: the record moved past the head the batch was staged after. */
const STALE = 'CR409';

/** Stages the batch over this writer's view; undefined when any append is refused there (the usual path decides it over a fresh view). */
export function stageAhead(
  pending: readonly PendingAppend[],
  view: TableReader,
  head: number,
  options: PrepareOptions,
): StagedBatch | undefined {
  let refused = false;
  const trial = pending.map((item) => ({ ...item, reject: () => void (refused = true) }));
  const staged = stageBatch(trial, view, head, options);
  if (refused) return undefined;
  // Every append was accepted, in order: settle the real ones.
  return { ...staged, accepted: staged.accepted.map((a, i) => ({ item: pending[i]!, events: a.events })) };
}

/** The lock, the guard and the write as one implicit transaction, committed without waiting for the disk, then the flush wait. */
export function writeAhead(head: number, statement: Statement, durable: string): string {
  return `SELECT pg_advisory_xact_lock(${WRITER_LOCK}), set_config('synchronous_commit', 'off', true);
DO $$ BEGIN
  IF coalesce((SELECT max(seq) FROM crucible_log), 0) <> ${head} THEN RAISE EXCEPTION 'the record moved on' USING ERRCODE = '${STALE}'; END IF;
END $$;
${statement.text}; COMMIT; ${durable}`;
}

export const isStale = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === STALE;

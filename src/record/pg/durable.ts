// When a PostgreSQL batch is durable. Batches commit without waiting for the disk (under the writers'
// lock); a later transaction that writes a commit record waits, under the server's synchronous_commit,
// for the log flush that covers it and every commit before it, so concurrent writers share flushes.
import type pg from 'pg';

/** Sent after a batch's COMMIT, outside the lock. */
export const DURABLE = 'BEGIN; SELECT txid_current(); COMMIT';

/** Returns once everything committed so far is on disk. */
export async function durable(db: pg.ClientBase | pg.Pool): Promise<void> {
  await db.query(DURABLE);
}

/**
 * Whether a batch whose connection was lost around its COMMIT is in the log (its last event, with the hash
 * the writer gave it) and now durable, asked over another connection: then it was written, and must not be
 * reported as failed (a retry would append it twice).
 */
export async function landed(pool: pg.Pool, batch: { seq: number; hash: string }): Promise<boolean> {
  try {
    const { rows } = await pool.query<{ hash: string }>('SELECT hash FROM crucible_log WHERE seq = $1', [batch.seq]);
    if (rows[0]?.hash !== batch.hash) return false;
    await durable(pool);
    return true;
  } catch {
    return false;
  }
}

// `crucible import` into a PostgreSQL record: a whole exported log (sequence 1..n, its stored hashes chaining)
// written in one transaction under the writers' lock, only into an empty record, with the projection rows it
// reduces to, so other processes see all of it or none.
import type pg from 'pg';
import type { RecordEvent } from '../events.js';
import { chainNext, GENESIS_HASH } from '../chain.js';
import { assertWholeChain } from '../export-format.js';
import { reduce } from '../reduce/index.js';
import { emptyTables, type Tables } from '../tables.js';
import { readerOf, Tx } from '../tx.js';
import { failure } from '../../shared/errors.js';
import { WRITER_LOCK } from './schema.js';
import { writeBatch } from './sql.js';
import { DURABLE } from './durable.js';

const BATCH = 1000;

export async function importPgLog(
  client: pg.PoolClient,
  entries: readonly { event: RecordEvent; hash?: string | undefined }[],
): Promise<{ seq: number; hash: string; tables: Tables }> {
  assertWholeChain(entries);
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM crucible_log');
    if (Number(rows[0]?.n) > 0)
      throw failure(
        'record-not-empty',
        `the record already holds ${rows[0]?.n} events`,
        'import into an empty PostgreSQL database (or a fresh LevelDB workspace)',
      );
    const tables = emptyTables();
    let hash = GENESIS_HASH;
    for (let start = 0; start < entries.length; start += BATCH) {
      const staged = new Tx(readerOf(tables));
      const chained = entries.slice(start, start + BATCH).map(({ event }) => {
        reduce(staged, event);
        hash = chainNext(hash, event);
        return { event, hash };
      });
      await client.query(writeBatch(chained, staged.changes()));
      staged.commitInto(tables);
    }
    await client.query(`COMMIT; ${DURABLE}`);
    return { seq: entries.length, hash, tables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

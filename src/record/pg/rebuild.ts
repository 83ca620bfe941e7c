// `crucible rebuild` for the PostgreSQL record: replays the log into fresh projections (the
// same reducers as every append), compares them with the stored rows and, with `rewrite`,
// replaces the stored rows, all under the writers' lock so no append interleaves.
import type { ClientBase } from 'pg';
import type { RebuildOptions, RebuildReport } from '../event-store.js';
import { reduce } from '../reduce/index.js';
import { diffTables } from '../rebuild.js';
import { emptyTables, TABLE_NAMES, type Change, type Tables } from '../tables.js';
import { readerOf, Tx } from '../tx.js';
import { parseEvent } from '../validate.js';
import { WRITER_LOCK } from './schema.js';
import { loadRows, readLog, writeBatch } from './sql.js';

const PAGE = 5_000;

export async function rebuildPg(client: ClientBase, options: RebuildOptions): Promise<RebuildReport & { tables: Tables }> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
    const tables = emptyTables();
    const live = readerOf(tables);
    let events = 0;
    for (let since = 0; ;) {
      const rows = await readLog(client, since, PAGE);
      for (const row of rows) {
        const tx = new Tx(live);
        reduce(tx, parseEvent(JSON.parse(row.event), `log entry ${row.seq}`));
        tx.commitInto(tables);
        events += 1;
        if (options.onProgress && events % 10_000 === 0) options.onProgress(events);
      }
      if (rows.length < PAGE) break;
      since = Number(rows.at(-1)!.seq);
    }
    const stored = await loadRows(client);
    const differences: string[] = [];
    for (const name of TABLE_NAMES)
      diffTables(tables[name] as Map<string, unknown>, stored[name] as Map<string, unknown>, name, differences);
    const equal = differences.length === 0;
    const rewritten = !equal && options.rewrite === true;
    if (rewritten) {
      await client.query('DELETE FROM crucible_rows');
      const changes = TABLE_NAMES.flatMap((name) =>
        [...(tables[name] as Map<string, unknown>)].map(([key, row]) => ({ table: name, key, row }) as Change),
      );
      await client.query(writeBatch([], changes));
    }
    await client.query('COMMIT');
    return { events, equal, differences: differences.slice(0, 50), rewritten, tables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

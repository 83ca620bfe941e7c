// `crucible rebuild` for the PostgreSQL record: replays the log into fresh projections (the
// same reducers as every append), compares them with the stored rows and, with `rewrite`,
// replaces the stored rows, all under the writers' lock so no append interleaves. It follows the hash
// chain over the whole log on the way (chain-follow.ts), as the LevelDB record's rebuild does.
import type { ClientBase } from 'pg';
import type { RebuildOptions, RebuildReport } from '../event-store.js';
import { reduce } from '../reduce/index.js';
import { diffTables } from '../rebuild.js';
import { emptyTables, TABLE_NAMES, type Change, type Tables } from '../tables.js';
import { DirectTx } from '../tx.js';
import { PgChainFollower } from './chain-follow.js';
import { EVENTS_KEY, trusts } from './revision.js';
import { WRITER_LOCK } from './schema.js';
import { loadRows, readLog, writeBatch } from './sql.js';

const PAGE = 5_000;

export async function rebuildPg(client: ClientBase, options: RebuildOptions, where: string): Promise<RebuildReport & { tables: Tables }> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
    const revision = await client.query<{ value: string }>(`SELECT value FROM crucible_meta WHERE name = '${EVENTS_KEY}'`);
    const chain = new PgChainFollower(trusts(revision.rows), where);
    const tables = emptyTables();
    const tx = new DirectTx(tables);
    let events = 0;
    for (let since = 0; ;) {
      const rows = await readLog(client, since, PAGE);
      for (const row of rows) {
        reduce(tx, chain.step(row));
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
    return { events, equal, differences: differences.slice(0, 50), rewritten, chain: chain.report(), tables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

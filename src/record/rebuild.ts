import { isDeepStrictEqual } from 'node:util';
import type { Keyspaces } from './level-db.js';
import { seqKey } from './level-db.js';
import { reduce } from './reduce/index.js';
import { encodeChange, loadTable, storedKeys, writeOps, type BatchOp } from './codec.js';
import { emptyTables, TABLE_NAMES, type Change, type Tables } from './tables.js';
import { DirectTx } from './tx.js';
import { scanLog } from './log-scan.js';
import { scanTrustedLog } from './replay-scan.js';
import type { RecordEvent } from './events.js';
import { trustFrom } from './trust-mark.js';
import type { ChainReport, RebuildOptions, RebuildReport } from './event-store.js';

/**
 * Replays the whole log into fresh tables, following the hash chain (sequence gap-free, every stored hash
 * matching). Entries whose hash verifies are not validated again (see log-scan.ts); a log trusted from its
 * first entry is scanned with the chain followed on a worker thread (replay-scan.ts), and only if that finds
 * anything wrong is it replayed the careful way: past a break in the chain every entry is validated, and the
 * report names the break.
 */
export async function replay(
  ks: Keyspaces,
  onProgress?: (seq: number) => void,
): Promise<{ tables: Tables; events: number; chain: ChainReport }> {
  const from = await trustFrom(ks);
  if (from <= 1) {
    const fast = into(onProgress);
    if (await scanTrustedLog(ks, fast.onEvent)) return { tables: fast.tables, events: fast.count(), chain: { verified: true } };
  }
  const { tables, onEvent, count } = into(onProgress);
  const scan = await scanLog(ks, { trustFrom: from, pastBreaks: true, onEvent });
  const events = count();
  const chain: ChainReport = scan.broken ? { verified: false, brokenAt: scan.broken.seq, reason: scan.broken.reason } : { verified: true };
  return { tables, events, chain };
}

/** Fresh tables and the reducer that fills them. */
function into(onProgress?: (seq: number) => void) {
  const tables = emptyTables();
  const tx = new DirectTx(tables);
  let events = 0;
  const onEvent = (event: RecordEvent): void => {
    reduce(tx, event);
    events += 1;
    if (onProgress && events % 10_000 === 0) onProgress(event.seq);
  };
  return { tables, onEvent, count: () => events };
}

export function diffTables(a: Map<string, unknown>, b: Map<string, unknown>, table: string, out: string[]): void {
  for (const [key, row] of a) if (!isDeepStrictEqual(row, b.get(key))) out.push(`${table}/${key}`);
  for (const key of b.keys()) if (!a.has(key)) out.push(`${table}/${key}`);
}

/**
 * Rebuilds the projections from the log and compares them with the stored ones.
 * With `rewrite`, differing tables are replaced by the rebuilt ones in one batch.
 */
export async function rebuild(ks: Keyspaces, options: RebuildOptions = {}): Promise<RebuildReport & { tables: Tables }> {
  const { tables, events, chain } = await replay(ks, options.onProgress);
  const differences: string[] = [];
  for (const name of TABLE_NAMES) {
    const rows = await loadTable(ks, name);
    diffTables(tables[name] as Map<string, unknown>, rows, name, differences);
  }
  const equal = differences.length === 0;
  let rewritten = false;
  if (!equal && options.rewrite) {
    const ops: BatchOp[] = [];
    for (const name of TABLE_NAMES) {
      const sublevel = ks.tables[name];
      for (const key of await storedKeys(ks, name)) ops.push({ type: 'del', sublevel, key });
      for (const [key, row] of tables[name] as Map<string, unknown>)
        ops.push(...encodeChange(ks, { table: name, key, row } as Change, undefined));
    }
    await writeOps(ks, ops);
    rewritten = true;
  }
  return { events, equal, differences: differences.slice(0, 50), rewritten, chain, tables };
}

export { seqKey };

// Writes a whole, already verified log into an empty record: the log entries with their chain
// hashes and the projection rows they reduce to, in batches. `crucible import` and
// `crucible rebuild --truncate-at` build a record this way.
import type { Keyspaces } from './level-db.js';
import { seqKey } from './level-db.js';
import { encodeChange, writeOps, type BatchOp } from './codec.js';
import { chainNext } from './chain.js';
import { logValue } from './log-entry.js';
import { reduce } from './reduce/index.js';
import type { RecordEvent } from './events.js';
import type { Tables } from './tables.js';
import { readerOf, Tx } from './tx.js';
import type { HeadMark } from './witness.js';
import { markFromStart } from './trust-mark.js';

const BATCH = 1000;

export async function writeLog(
  ks: Keyspaces,
  tables: Tables,
  events: readonly RecordEvent[],
  from: HeadMark,
  sync: boolean,
): Promise<HeadMark> {
  let hash = from.hash;
  let seq = from.seq;
  for (let start = 0; start < events.length; start += BATCH) {
    const staged = new Tx(readerOf(tables));
    // Every event here was validated by the caller, so a record built from its first event is trusted whole.
    const ops: BatchOp[] = start === 0 && from.seq === 0 ? [markFromStart(ks)] : [];
    for (const event of events.slice(start, start + BATCH)) {
      reduce(staged, event);
      hash = chainNext(hash, event);
      seq = event.seq;
      ops.push({ type: 'put', sublevel: ks.log, key: seqKey(event.seq), value: logValue(event, hash) });
    }
    for (const change of staged.changes()) ops.push(...encodeChange(ks, change, tables[change.table].get(change.key)));
    await writeOps(ks, ops, { sync });
    staged.commitInto(tables);
  }
  return { seq, hash };
}

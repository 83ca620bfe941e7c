// Events other processes committed to a PostgreSQL record, applied to this process's view: each row's
// sequence and hash checked against the chain so far (a row whose hash verifies over its stored text is
// decoded without zod while every writer registered this event schema revision), then reduced.
import { chainNext, chainNextText } from '../chain.js';
import type { RecordEvent } from '../events.js';
import { reduce } from '../reduce/index.js';
import type { Tables } from '../tables.js';
import { readerOf, Tx } from '../tx.js';
import { parseEvent } from '../validate.js';
import { failure } from '../../shared/errors.js';
import type { LoggedRow } from './sql.js';

export function absorbRows(
  rows: readonly LoggedRow[],
  tables: Tables,
  from: { seq: number; hash: string },
  trustedRevision: boolean,
  where: string,
): { events: RecordEvent[]; seq: number; hash: string } {
  const events: RecordEvent[] = [];
  const tx = new Tx(readerOf(tables));
  let { seq, hash } = from;
  for (const row of rows) {
    // The hash covers the stored text: one that verifies is what its writer validated (under this revision).
    const byText = chainNextText(hash, row.event);
    const trusted = trustedRevision && byText === row.hash;
    const event = trusted ? (JSON.parse(row.event) as RecordEvent) : parseEvent(JSON.parse(row.event), `log entry ${row.seq} of ${where}`);
    const expected = trusted ? byText : chainNext(hash, event);
    if (event.seq !== seq + 1 || row.hash !== expected)
      throw failure(
        'record-damaged',
        `the record at ${where} is damaged at event ${seq + 1}: ${event.seq !== seq + 1 ? `found event ${event.seq}` : 'its hash does not chain'}`,
        'restore the database from a backup or an export; no write is accepted until then',
      );
    reduce(tx, event);
    events.push(event);
    seq = event.seq;
    hash = expected;
  }
  tx.commitInto(tables);
  return { events, seq, hash };
}

// A record held in memory for pure tests and benches of what reads it: drafts prepared and reduced
// exactly as a store does (ids assigned, validated, refused when illegal), one second apart.
import type { EventDraft, RecordEvent } from '../../src/record/events.js';
import { prepareEvent } from '../../src/record/prepare.js';
import { emptyTables } from '../../src/record/tables.js';
import { readerOf, Tx, type TableReader } from '../../src/record/tx.js';

export function memoryRecord(
  drafts: readonly EventDraft[],
  start = Date.parse('2026-01-01T00:00:00Z'),
): { view: TableReader; events: RecordEvent[] } {
  const tx = new Tx(readerOf(emptyTables()));
  const events = drafts.map((draft, i) => prepareEvent(draft, tx, i + 1, { now: () => new Date(start + i * 1000) }));
  return { view: tx, events };
}

// What every store does to a draft before it is written, whatever the backend: redact its
// strings, assign the id it leaves out from the counters, validate it, and reduce it into a
// transaction (which throws when the event is not legal now). Shared by the LevelDB and
// PostgreSQL stores so both accept exactly the same events.
import { ASSIGNED_IDS, type EventDraft, type RecordEvent } from './events.js';
import { reduce } from './reduce/index.js';
import { Tx, type TableReader } from './tx.js';
import { parseDraft } from './validate.js';
import { envRedactor, type Redactor } from '../shared/redact.js';

export interface PrepareOptions {
  now?: () => Date;
  /** What to redact from every event (default: this process's environment secrets and known key shapes). */
  redactor?: Redactor;
}

/**
 * Fills the envelope and any missing id, validates, and reduces into `tx` (throws if refused). `assign`, when given,
 * numbers the missing id instead of the counters (the PostgreSQL server-side append stages with placeholders: pg/nonce.ts).
 */
export function prepareEvent(
  draft: EventDraft,
  tx: Tx,
  seq: number,
  options: PrepareOptions,
  assign?: (prefix: string) => number,
): RecordEvent {
  const redactor = options.redactor ?? envRedactor();
  const data: Record<string, unknown> = { ...redactor.deep(draft.data as Record<string, unknown>) };
  const assigned = (ASSIGNED_IDS as Partial<Record<string, { field: string; prefix: string }>>)[draft.type];
  if (assigned && data[assigned.field] === undefined) {
    const next = assign?.(assigned.prefix) ?? (tx.get('counters', `id.${assigned.prefix}`)?.value ?? 0) + 1;
    data[assigned.field] = `${assigned.prefix}-${next}`;
  }
  const now = options.now?.() ?? new Date();
  const event = parseDraft(draft.type, redactor.text(draft.actor), data, seq, now.toISOString());
  reduce(tx, event);
  return event;
}

/** Appends waiting for the writer: each is accepted whole or refused whole. */
export interface PendingAppend {
  drafts: EventDraft[];
  resolve: (events: RecordEvent[]) => void;
  reject: (error: unknown) => void;
}

export interface StagedBatch {
  /** Every accepted append's projection changes, layered over the base. */
  staged: Tx;
  accepted: { item: PendingAppend; events: RecordEvent[] }[];
  /** The sequence number of the last accepted event. */
  seq: number;
}

/** Group commit: stages each pending append in turn after `head`; a refused one is rejected and uses no sequence number. */
export function stageBatch(pending: readonly PendingAppend[], base: TableReader, head: number, options: PrepareOptions): StagedBatch {
  const staged = new Tx(base);
  const accepted: StagedBatch['accepted'] = [];
  let seq = head;
  for (const item of pending) {
    const itemTx = new Tx(staged);
    try {
      const events = item.drafts.map((draft, i) => prepareEvent(draft, itemTx, seq + i + 1, options));
      itemTx.commitInto(staged);
      seq += events.length;
      accepted.push({ item, events });
    } catch (error) {
      item.reject(error);
    }
  }
  return { staged, accepted, seq };
}

// The record's seam: what every layer above uses of the event log and its projections.
// LevelEventStore (store.ts) is the default; another store (PostgreSQL, say) drops in behind
// this interface and must guarantee what the Level one does:
// - one log order: sequence numbers 1, 2, 3, ... without gaps, assigned by the writer in the
//   order appends are accepted; `read` yields that order and `head` is the last one written;
// - the writer assigns the ids a draft leaves out (T-1, D-2, ...), never the caller;
// - an append is validated, redacted and reduced into the projections, and the event and every
//   projection row it changes are written atomically: `view` never disagrees with the log;
// - a refused append (bad schema, illegal transition) rejects and leaves no trace: no event,
//   no row, no sequence number, no id; `appendAll` is all or nothing;
// - durability before publish: an append resolves, and commit listeners hear of its events
//   (which is how the bus publishes them), only after the batch holding them is durable.
import type { EventDraft, EventDraftOf, EventType, RecordEvent, RecordEventOf } from './events.js';
import type { TableReader } from './tx.js';

export interface EventStore {
  /** The projections as of the last committed batch (synchronous reads). */
  readonly view: TableReader;
  /** The sequence number of the last committed event (0 for an empty log). */
  head(): number;
  append<T extends EventType>(draft: EventDraftOf<T>): Promise<RecordEventOf<T>>;
  /** All or nothing: the drafts are accepted together or none is written. */
  appendAll(drafts: EventDraft[]): Promise<RecordEvent[]>;
  /** The log in order, after `since` (exclusive). */
  read(options?: ReadOptions): AsyncIterable<RecordEvent>;
  /** Hears every committed batch, in log order, once it is durable; returns the unsubscribe. */
  onCommit(listener: CommitListener): () => void;
  /**
   * Replays the whole log into fresh projections and compares them with the stored ones; with
   * `rewrite`, repairs any that differ. Run it while nothing appends (`crucible rebuild` holds the record alone).
   */
  rebuild(options?: RebuildOptions): Promise<RebuildReport>;
  /**
   * Writes a whole exported log (sequence 1..n; stored hashes, when given, must chain) into this record,
   * which must be empty, with its projections. Optional: a store that cannot import says so.
   */
  importLog?(entries: readonly { event: RecordEvent; hash?: string | undefined }[]): Promise<number>;
  /** Waits for pending appends, then releases the record; later appends reject. */
  close(): Promise<void>;
}

export interface ReadOptions {
  since?: number;
  limit?: number;
}

export type CommitListener = (events: readonly RecordEvent[]) => void;

export interface RebuildOptions {
  rewrite?: boolean;
  onProgress?: (seq: number) => void;
}

export interface RebuildReport {
  events: number;
  equal: boolean;
  /** Rows that differ, as `table/key`, at most 50. */
  differences: string[];
  rewritten: boolean;
  /** The hash chain over the whole log (sequence gap-free, every stored hash matching), when the store keeps one. */
  chain?: ChainReport;
}

export type ChainReport = { verified: true } | { verified: false; brokenAt: number; reason: string };

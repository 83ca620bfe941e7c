import { type EventDraft, type EventDraftOf, type EventType, type RecordEvent, type RecordEventOf } from './events.js';
import { closeKeyspaces, openKeyspaces, seqKey, type Keyspaces } from './level-db.js';
import { encodeChange, loadTables, type BatchOp } from './codec.js';
import type { Redactor } from '../shared/redact.js';
import { TABLE_NAMES, type Tables } from './tables.js';
import { readerOf, Tx, type TableReader } from './tx.js';
import { parseEvent } from './validate.js';
import { prepareEvent } from './prepare.js';
import type { CommitListener, EventStore, ReadOptions, RebuildOptions, RebuildReport } from './event-store.js';
import { rebuild } from './rebuild.js';

interface Pending {
  drafts: EventDraft[];
  resolve: (events: RecordEvent[]) => void;
  reject: (error: unknown) => void;
}

export interface OpenOptions {
  dir: string;
  holderFile: string;
  command?: string;
  now?: () => Date;
  /** Sees every batch the writer commits (the benchmark replays them as raw puts). */
  observeBatch?: (ops: readonly BatchOp[]) => void;
  /** What to redact from every event (default: this process's environment secrets and known key shapes). */
  redactor?: Redactor;
}

/**
 * The record: an append-only event log with its projections, in one LevelDB.
 *
 * One serialized writer takes every pending append, validates and reduces each
 * in turn over staged tables, and writes all that were accepted in ONE batch
 * (log entries plus every projection row they change). A refused append is
 * dropped whole and consumes no sequence number, so the log stays gap-free.
 * Every string of every event is redacted of secrets here, before validation,
 * so no path into the record can store a key.
 */
export class LevelEventStore implements EventStore {
  private readonly queue: Pending[] = [];
  private readonly listeners = new Set<CommitListener>();
  private flushing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly ks: Keyspaces,
    private readonly tables: Tables,
    private seq: number,
    private readonly options: OpenOptions,
  ) {}

  static async open(options: OpenOptions): Promise<LevelEventStore> {
    const ks = await openKeyspaces(options.dir, options.holderFile, options.command ?? 'crucible');
    try {
      const tables = await loadTables(ks);
      const head = await lastSeq(ks);
      return new LevelEventStore(ks, tables, head, options);
    } catch (error) {
      await closeKeyspaces(ks, options.holderFile);
      throw error;
    }
  }

  get view(): TableReader {
    return readerOf(this.tables);
  }

  /** The raw keyspaces, for tests and benchmarks of the LevelDB layout. */
  get keyspaces(): Keyspaces {
    return this.ks;
  }

  head(): number {
    return this.seq;
  }

  async append<T extends EventType>(draft: EventDraftOf<T>): Promise<RecordEventOf<T>> {
    const [event] = await this.appendAll([draft as EventDraft]);
    return event as RecordEventOf<T>;
  }

  appendAll(drafts: EventDraft[]): Promise<RecordEvent[]> {
    if (this.closed) return Promise.reject(new Error('the record is closed'));
    if (drafts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  async *read(options: ReadOptions = {}): AsyncIterable<RecordEvent> {
    const since = options.since ?? 0;
    const iterator = this.ks.log.iterator({ gt: seqKey(since), ...(options.limit ? { limit: options.limit } : {}) });
    for await (const [key, value] of iterator) yield parseEvent(value, `log entry ${Number(key)}`);
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
    await this.flushing;
    const { tables, ...report } = await rebuild(this.ks, options);
    // The repaired rows are what this store reads from now on, as a reopen would.
    if (report.rewritten)
      for (const name of TABLE_NAMES) replaceRows(this.tables[name] as Map<string, unknown>, tables[name] as Map<string, unknown>);
    return report;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushing;
    this.closed = true;
    await closeKeyspaces(this.ks, this.options.holderFile);
  }

  private async flush(): Promise<void> {
    // Appends issued in the same synchronous run join this batch; later ones queue
    // up while it is being written and form the next (group commit).
    await Promise.resolve();
    while (this.queue.length > 0) {
      const pending = this.queue.splice(0);
      const staged = new Tx(readerOf(this.tables));
      const accepted: { item: Pending; events: RecordEvent[] }[] = [];
      let seq = this.seq;
      for (const item of pending) {
        const itemTx = new Tx(staged);
        try {
          const events = item.drafts.map((draft, i) => prepareEvent(draft, itemTx, seq + i + 1, this.options));
          itemTx.commitInto(staged);
          seq += events.length;
          accepted.push({ item, events });
        } catch (error) {
          item.reject(error);
        }
      }
      if (accepted.length === 0) continue;
      const committed = accepted.flatMap((a) => a.events);
      try {
        const ops: BatchOp[] = [
          ...committed.map((event) => ({ type: 'put' as const, sublevel: this.ks.log, key: seqKey(event.seq), value: event })),
          ...staged.changes().flatMap((change) => encodeChange(this.ks, change, this.tables[change.table].get(change.key))),
        ];
        await this.ks.db.batch(ops);
        this.options.observeBatch?.(ops);
      } catch (error) {
        for (const { item } of accepted) item.reject(error);
        continue;
      }
      staged.commitInto(this.tables);
      this.seq = seq;
      for (const { item, events } of accepted) item.resolve(events);
      for (const listener of this.listeners) listener(committed);
    }
    this.flushing = undefined;
  }
}

async function lastSeq(ks: Keyspaces): Promise<number> {
  for await (const [key] of ks.log.iterator({ reverse: true, limit: 1 })) return Number(key);
  return 0;
}

function replaceRows(target: Map<string, unknown>, rows: Map<string, unknown>): void {
  target.clear();
  for (const [key, row] of rows) target.set(key, row);
}

import type { EventDraft, RecordEvent } from './events.js';
import { closeKeyspaces, openKeyspaces, pagesOf, seqKey, type Keyspaces } from './level-db.js';
import { encodeChange, loadTables, writeOps, type BatchOp } from './codec.js';
import type { Redactor } from '../shared/redact.js';
import type { TableName, Tables } from './tables.js';
import { loadSomeTables, partialReader } from './partial-view.js';
import { readerOf, type TableReader } from './tx.js';
import { parseEvent } from './validate.js';
import { stageBatch } from './prepare.js';
import { QueuedStore, replaceTables } from './append-queue.js';
import type { EventStore, ReadOptions, RebuildOptions, RebuildReport } from './event-store.js';
import { rebuild } from './rebuild.js';
import { chainNext, GENESIS_HASH } from './chain.js';
import { logValue } from './log-entry.js';
import { checkLogOnOpen } from './integrity.js';
import { damageError, isStorageDamage } from './damage.js';
import { locatedDamage } from './salvage.js';
import { Witness } from './witness.js';
import { breakSeal, levelSkippedDamage, seal } from './seal.js';
import { existsSync } from 'node:fs';
import { writeLog } from './load.js';
import { markValidated } from './trust-mark.js';
import { assertWholeChain } from './export-format.js';
import { failure } from '../shared/errors.js';

export interface OpenOptions {
  dir: string;
  holderFile: string;
  command?: string;
  now?: () => Date;
  /** Sees every batch the writer commits (the benchmark replays them as raw puts). */
  observeBatch?: (ops: readonly BatchOp[]) => void;
  /** What to redact from every event (default: this process's environment secrets and known key shapes). */
  redactor?: Redactor;
  /**
   * fsync each batch before its appends resolve (default true). Off, an OS crash or power loss
   * can lose acknowledged events (a process crash cannot); the open check then reports the loss.
   */
  sync?: boolean;
  /**
   * Load only these projections (a short read command's): `view` throws for any other table and
   * appends are refused. Every table when absent. The open check of the log is the same either way.
   */
  tables?: readonly TableName[];
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
export class LevelEventStore extends QueuedStore implements EventStore {
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly ks: Keyspaces,
    private readonly tables: Tables,
    private seq: number,
    private headHash: string,
    private readonly witness: Witness,
    private readonly options: OpenOptions,
    /** How much of the log the open check read: its tail (the files were as sealed) or every key. */
    readonly openCheck: 'tail' | 'full',
  ) {
    super();
  }

  /** Opens the record and checks the log is whole; a damaged record throws the one line that says so. */
  static async open(options: OpenOptions): Promise<LevelEventStore> {
    const sealed = existsSync(options.dir) && breakSeal(options.dir);
    const ks = await openKeyspaces(options.dir, options.holderFile, options.command ?? 'crucible').catch(async (error: unknown) => {
      throw isStorageDamage(error) ? await locatedDamage(options.dir, error) : error;
    });
    try {
      const scope = sealed && !levelSkippedDamage(options.dir) ? 'tail' : 'full';
      const head = await checkLogOnOpen(ks, options.dir, scope);
      if (head.broken) throw damageError(options.dir, head.broken);
      await markValidated(ks, head.seq);
      const tables = options.tables ? await loadSomeTables(ks, options.tables) : await loadTables(ks);
      return new LevelEventStore(ks, tables, head.seq, head.hash, Witness.open(options.dir, head), options, scope);
    } catch (error) {
      await closeKeyspaces(ks, options.holderFile);
      throw isStorageDamage(error) ? await locatedDamage(options.dir, error) : error;
    }
  }

  get view(): TableReader {
    return this.options.tables ? partialReader(this.tables, this.options.tables) : readerOf(this.tables);
  }

  override appendAll(drafts: EventDraft[]): Promise<RecordEvent[]> {
    if (this.options.tables) return Promise.reject(new Error('the record was opened to read some of its tables only: appends are refused'));
    return super.appendAll(drafts);
  }

  /** The raw keyspaces, for tests and benchmarks of the LevelDB layout. */
  get keyspaces(): Keyspaces {
    return this.ks;
  }

  head(): number {
    return this.seq;
  }

  protected startWriter(): void {
    this.flushing ??= this.flush();
  }

  async *read(options: ReadOptions = {}): AsyncIterable<RecordEvent> {
    const since = options.since ?? 0;
    const pages = pagesOf(this.ks.log, { gt: seqKey(since), ...(options.limit ? { limit: options.limit } : {}) });
    for await (const page of pages) for (const [key, value] of page) yield parseEvent(value, `log entry ${Number(key)}`);
  }

  async rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
    await this.flushing;
    const { tables, ...report } = await rebuild(this.ks, options);
    // The repaired rows are what this store reads from now on, as a reopen would.
    if (report.rewritten) replaceTables(this.tables, tables);
    return report;
  }

  /** Writes a whole log (sequence 1..n; stored hashes, when given, must chain) into this empty record. */
  async importLog(entries: readonly { event: RecordEvent; hash?: string | undefined }[]): Promise<number> {
    await this.flushing;
    if (this.closed) throw new Error('the record is closed');
    if (this.seq !== 0 || this.queue.length > 0)
      throw failure(
        'record-not-empty',
        `the record already holds ${this.seq} events`,
        'import into a fresh workspace (`crucible init` in an empty directory)',
      );
    assertWholeChain(entries);
    const head = await writeLog(
      this.ks,
      this.tables,
      entries.map((e) => e.event),
      { seq: 0, hash: GENESIS_HASH },
      this.sync,
    );
    this.seq = head.seq;
    this.headHash = head.hash;
    this.witness.write(head);
    return head.seq;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushing;
    this.closed = true;
    this.witness.close();
    await closeKeyspaces(this.ks, this.options.holderFile);
    seal(this.options.dir);
  }

  private get sync(): boolean {
    return this.options.sync ?? true;
  }

  private async flush(): Promise<void> {
    // Appends issued in the same synchronous run join this batch; later ones queue
    // up while it is being written and form the next (group commit).
    await Promise.resolve();
    while (this.queue.length > 0) {
      const { staged, accepted, seq } = stageBatch(this.queue.splice(0), readerOf(this.tables), this.seq, this.options);
      if (accepted.length === 0) continue;
      const committed = accepted.flatMap((a) => a.events);
      let hash = this.headHash;
      try {
        const ops: BatchOp[] = [];
        for (const event of committed) {
          hash = chainNext(hash, event);
          ops.push({ type: 'put', sublevel: this.ks.log, key: seqKey(event.seq), value: logValue(event, hash) });
        }
        for (const change of staged.changes()) ops.push(...encodeChange(this.ks, change, this.tables[change.table].get(change.key)));
        await writeOps(this.ks, ops, { sync: this.sync });
        this.options.observeBatch?.(ops);
      } catch (error) {
        for (const { item } of accepted) item.reject(error);
        continue;
      }
      staged.commitInto(this.tables);
      this.seq = seq;
      this.headHash = hash;
      this.witness.write({ seq, hash });
      for (const { item, events } of accepted) item.resolve(events);
      this.publish(committed);
    }
    this.flushing = undefined;
  }
}

// The record in PostgreSQL, for a team: several crucible processes on several machines share one log. Most
// batches are staged over the writer's view with placeholders for the numbers and written by a server-side
// function in one round trip, the writers' advisory lock held only inside the server (nonce.ts, append-fn.ts).
// The rest run in one transaction under that lock: read and reduce what other processes appended since this
// one's head, stage the appends over that fresh view as the LevelDB store does, and write the log rows, with
// the hash chain, and the projection rows in one statement (a writer whose view was current skips the read: speculate.ts).
// LISTEN/NOTIFY tells this process promptly of other processes' commits: it reduces them into
// its view and hands them to its commit listeners, which is how the bus spans processes.
import pg from 'pg';
import type { RecordEvent } from '../events.js';
import type { CommitListener, EventStore, ReadOptions, RebuildOptions, RebuildReport } from '../event-store.js';
import { chainNext, GENESIS_HASH } from '../chain.js';
import { stageBatch, type PendingAppend, type PrepareOptions, type StagedBatch } from '../prepare.js';
import { QueuedStore, replaceTables } from '../append-queue.js';
import type { Tables } from '../tables.js';
import { readerOf, type TableReader } from '../tx.js';
import { failure } from '../../shared/errors.js';
import { isUnavailable, unavailable } from './errors.js';
import { rebuildPg } from './rebuild.js';
import { ensureSchema, WRITER_LOCK } from './schema.js';
import { CONNECTION, listenForCommits } from './listen.js';
import { LOG_COLUMNS, loadRows, logHead, readEvents, readLog, writeBatch, type LoggedRow, type Statement } from './sql.js';
import { EVENTS_KEY, registerRevision, trusts } from './revision.js';
import { redactUrl } from './url.js';
import { DURABLE, durable, landed } from './durable.js';
import { importPgLog } from './import.js';
import { isStale, stageAhead, writeAhead } from './speculate.js';
import { absorbRows } from './absorb.js';
import { stageWithNonces } from './nonce.js';
import { appendOnServer, newWriterId, writtenStatement } from './server-append.js';

export interface PgOpenOptions extends PrepareOptions {
  /** A validated postgres:// URL (see parseRecordUrl). */
  url: string;
  /** Sees every batch statement the writer commits (the benchmark replays them as raw INSERTs). */
  observeBatch?: (statement: Statement) => void;
  /** Whether batches may use the server-side append (default true; false keeps the protocol of schema version 1). */
  serverAppend?: boolean;
}

const READ_PAGE = 5_000;

export class PgEventStore extends QueuedStore implements EventStore {
  private working: Promise<void> | undefined;
  /** The highest sequence number another process is known to have committed. */
  private notified = 0;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  /** Whether every writer of this record validates events as this one does (see EVENTS_KEY): then absorbing skips zod. */
  private trusted = false;
  /** Whether this writer's view was the record's head at its last batch (see speculate.ts). */
  private current = true;
  /** Whether the server-side append is used: the option, and a UTF-8 database (its hash chain hashes the text as UTF-8). */
  private serverAppend = false;
  private readonly writer = newWriterId();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly tables: Tables,
    private seq: number,
    private hash: string,
    private readonly options: PgOpenOptions,
  ) {
    super();
  }

  static async open(options: PgOpenOptions): Promise<PgEventStore> {
    const pool = new pg.Pool({ connectionString: options.url, max: 2, ...CONNECTION });
    // An idle connection that drops is reported by the next query that needs one.
    pool.on('error', () => undefined);
    // So does one that drops while checked out (the query in flight gets the error); without a listener it would crash the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const where = redactUrl(options.url);
    try {
      const client = await pool.connect();
      try {
        const utf8 = await ensureSchema(client, where);
        const trusted = await registerRevision(client);
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const tables = await loadRows(client);
        const { head, hash, count } = await logHead(client);
        await client.query('COMMIT');
        if (count !== head)
          throw failure(
            'record-damaged',
            `the record at ${where} has ${count} events but its last is number ${head}: the log has a gap`,
            'restore the database from a backup or an export',
          );
        const store = new PgEventStore(pool, tables, head, hash ?? GENESIS_HASH, options);
        store.trusted = trusted;
        store.serverAppend = options.serverAppend !== false && utf8;
        return store;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw unavailable(error, options.url, 'open');
    }
  }

  get view(): TableReader {
    return readerOf(this.tables);
  }

  head(): number {
    return this.seq;
  }

  protected startWriter(): void {
    this.schedule();
  }

  read(options: ReadOptions = {}): AsyncIterable<RecordEvent> {
    return readEvents(this.pool, options, (error) => unavailable(error, this.options.url, 'read'));
  }

  override onCommit(listener: CommitListener): () => void {
    this.listening ??= this.listen();
    return super.onCommit(listener);
  }

  async rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
    await this.working;
    const client = await this.pool.connect();
    const { tables, ...report } = await rebuildPg(client, options, redactUrl(this.options.url)).finally(() => client.release());
    if (report.rewritten) replaceTables(this.tables, tables);
    return report;
  }

  /** Writes a whole exported log into this record, which must be empty (see import.ts). */
  async importLog(entries: readonly { event: RecordEvent; hash?: string | undefined }[]): Promise<number> {
    await this.working;
    if (this.closed) throw new Error('the record is closed');
    const client = await this.pool.connect().catch((error: unknown) => Promise.reject(unavailable(error, this.options.url, 'write to')));
    const imported = await importPgLog(client, entries).finally(() => client.release());
    replaceTables(this.tables, imported.tables);
    this.seq = imported.seq;
    this.hash = imported.hash;
    return imported.seq;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listening;
    await this.listener?.end().catch(() => undefined);
    await this.working;
    await this.pool.end();
  }

  private schedule(): void {
    this.working ??= this.work();
  }

  private async work(): Promise<void> {
    // Appends issued in the same synchronous run join this batch; later ones form the next (group commit).
    await Promise.resolve();
    while (this.queue.length > 0 || (this.notified > this.seq && !this.closed)) {
      if (this.queue.length > 0) await this.commit(this.queue.splice(0));
      else await this.catchUp();
    }
    this.working = undefined;
  }

  private async commit(pending: PendingAppend[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    let written: { seq: number; hash: string } | undefined;
    let lost: unknown;
    try {
      client = await this.pool.connect();
      // Alone on the record (its view was the head), a writer's own staging is cheaper than the server's; else the server stages.
      const ahead = (this.current && (await this.commitAhead(client, pending))) || (await this.commitOnServer(client, pending));
      if (ahead) return void (lost = ahead.lost);
      // The lock is held for one round trip after it is granted; the flush wait (DURABLE) is outside it, shared by writers.
      const results = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK}), set_config('synchronous_commit', 'off', true);
         SELECT value FROM crucible_meta WHERE name = '${EVENTS_KEY}';
         SELECT ${LOG_COLUMNS} FROM crucible_log WHERE seq > ${this.seq} ORDER BY seq`,
      )) as unknown as pg.QueryResult[];
      this.trusted = trusts(results[2]?.rows as { value: string }[] | undefined);
      const absorbed = this.absorb((results[3]?.rows ?? []) as LoggedRow[]);
      // Nobody else wrote since this writer's last batch: its next one tries the one-round-trip path.
      this.current = absorbed.length === 0;
      const batch = stageBatch(pending, readerOf(this.tables), this.seq, this.options);
      if (batch.accepted.length === 0) {
        await client.query('ROLLBACK');
        if (absorbed.length > 0) await durable(client);
        this.publish(absorbed);
        return;
      }
      const chained = this.chain(batch.accepted.flatMap((a) => a.events));
      const statement = writeBatch(chained, batch.staged.changes());
      written = { seq: batch.seq, hash: chained.at(-1)!.hash };
      await client.query(`${statement.text}; COMMIT; ${DURABLE}`).catch(async (error: unknown) => {
        lost = error;
        // A connection lost after the COMMIT went through leaves the batch written: ask the record.
        if (!(await landed(this.pool, written!))) throw error;
      });
      this.settle(batch, chained, statement, absorbed);
    } catch (error) {
      lost ??= error;
      await client?.query('ROLLBACK').catch(() => undefined);
      const reason = isUnavailable(error) ? unavailable(error, this.options.url, 'write to') : error;
      // Appends refused while staging are settled already; rejecting them again does nothing.
      for (const item of pending) item.reject(reason);
    } finally {
      // A connection that failed mid-batch is dropped, not handed to the next batch.
      client?.release(lost !== undefined && isUnavailable(lost));
    }
  }

  /** The server-side append (append-fn.ts): the batch comes back numbered after others' events, all reduced in log order; false: stage over a fresh view. */
  private async commitOnServer(client: pg.PoolClient, pending: PendingAppend[]): Promise<false | { lost: unknown }> {
    const batch = this.serverAppend ? stageWithNonces(pending, readerOf(this.tables), this.options) : undefined;
    if (!batch) return false;
    const done = await appendOnServer(client, this.pool, { head: this.seq, writer: this.writer }, batch);
    if (done === 'stale') return (this.current = false);
    this.trusted = done.trusted ?? this.trusted;
    const absorbed = this.absorb(done.rows);
    // A batch that found no other writer's events: the next tries the head-guarded path (cheaper when alone: docs/record.md).
    this.current = absorbed.length === batch.events.length;
    const own = absorbed.slice(absorbed.length - batch.events.length);
    if (this.options.observeBatch) this.options.observeBatch(writtenStatement(batch, own, done.rows.slice(-own.length)));
    let at = 0;
    for (const { item, count } of batch.items) item.resolve(own.slice(at, (at += count)));
    this.publish(absorbed);
    return { lost: done.lost };
  }

  /** The one-round-trip path (speculate.ts); false when the record moved on or an append needs a fresh view. */
  private async commitAhead(client: pg.PoolClient, pending: PendingAppend[]): Promise<false | { lost: unknown }> {
    const batch = stageAhead(pending, readerOf(this.tables), this.seq, this.options);
    const chained = this.chain(batch?.accepted.flatMap((a) => a.events) ?? []);
    if (!batch || chained.length === 0) return false;
    const statement = writeBatch(chained, batch.staged.changes());
    let lost: unknown;
    let stale = false;
    await client.query(writeAhead(this.seq, statement, DURABLE)).catch(async (error: unknown) => {
      if (isStale(error)) return void (stale = true);
      lost = error;
      if (!(await landed(this.pool, { seq: batch.seq, hash: chained.at(-1)!.hash }))) throw error;
    });
    if (stale) return (this.current = false);
    this.settle(batch, chained, statement, []);
    return { lost };
  }

  private settle(batch: StagedBatch, chained: { event: RecordEvent; hash: string }[], statement: Statement, absorbed: RecordEvent[]): void {
    batch.staged.commitInto(this.tables);
    this.seq = batch.seq;
    this.hash = chained.at(-1)!.hash;
    this.options.observeBatch?.(statement);
    for (const { item, events } of batch.accepted) item.resolve(events);
    this.publish([...absorbed, ...chained.map((c) => c.event)]);
  }

  /** Reduces what other processes committed since this one's head (no lock needed: commits land in log order). */
  private async catchUp(): Promise<void> {
    const target = this.notified;
    try {
      for (;;) {
        const rows = await readLog(this.pool, this.seq, READ_PAGE);
        const absorbed = this.absorb(rows);
        if (absorbed.length > 0) await durable(this.pool);
        this.publish(absorbed);
        if (rows.length < READ_PAGE) break;
      }
    } catch {
      // The next batch catches up under the lock, and reports what is wrong to its appender.
    }
    // A notification that arrived meanwhile may name events this read missed: the loop reads again.
    if (this.notified === target) this.notified = this.seq;
  }

  /** Applies events committed elsewhere to the view, checking the sequence and the chain; returns them. */
  private absorb(rows: readonly LoggedRow[]): RecordEvent[] {
    if (rows.length === 0) return [];
    const absorbed = absorbRows(rows, this.tables, { seq: this.seq, hash: this.hash }, this.trusted, redactUrl(this.options.url));
    this.seq = absorbed.seq;
    this.hash = absorbed.hash;
    return absorbed.events;
  }

  private chain(events: readonly RecordEvent[]): { event: RecordEvent; hash: string }[] {
    let hash = this.hash;
    return events.map((event) => ({ event, hash: (hash = chainNext(hash, event)) }));
  }

  private async listen(): Promise<void> {
    const heard = (seq: number) => {
      if (!(seq > this.seq)) return;
      this.notified = Math.max(this.notified, seq);
      this.schedule();
    };
    this.listener = await listenForCommits(this.options.url, heard, () => (this.listener = undefined));
    // Whatever was committed between opening and listening.
    if (this.listener) heard(Number.MAX_SAFE_INTEGER);
  }
}

// Staging for the server-side append (append-fn.ts): a writer stages its pending appends over its own view,
// without the writers' lock and whatever others committed meanwhile, with a random placeholder (a nonce) for
// every sequence number and every id the record assigns, and records what it read. The server then checks
// those reads under the lock, numbers the placeholders and writes: the result is what staging over the
// fresh view with the real numbers would have written, because reducers only copy an id or a sequence
// number (never compute with one) and everything else they produce comes from the rows they read.
// Anything outside that contract makes the batch go the usual way (undefined): a refused append (it
// may be legal over the fresh view), a table iterated (no per-key read set), an id given by the draft
// that moves a counter, a sequence number in a row key (the inbox pads it), a placeholder that occurs in
// an input text.
import { randomBytes } from 'node:crypto';
import { prepareEvent, type PendingAppend, type PrepareOptions } from '../prepare.js';
import type { RecordEvent } from '../events.js';
import type { Change, RowTypes, TableName } from '../tables.js';
import { Tx, type TableReader } from '../tx.js';

/** Placeholders are 16-digit numbers below 2^53 (over 52 random bits): valid sequence numbers and ids, and all the same length. */
const LOW = 10n ** 15n;
const SPAN = BigInt(Number.MAX_SAFE_INTEGER) - LOW;

export function mintNonce(): string {
  return String(LOW + (randomBytes(8).readBigUInt64BE() % SPAN));
}

export interface Read {
  table: TableName;
  key: string;
  /** The row's JSON text as this writer's view has it, or null when absent. */
  row: string | null;
}

export interface NonceBatch {
  /** Every pending append, accepted in order, with how many events each has. */
  items: { item: PendingAppend; count: number }[];
  /** The event texts, with placeholders. */
  events: string[];
  /** One placeholder per event, in log order: the server gives them the next sequence numbers. */
  seqNonces: string[];
  /** One per assigned id, in log order: the server gives each the next number of its prefix's counter. */
  ids: { prefix: string; nonce: string }[];
  reads: Read[];
  /** The projection changes, without the `id.*` counters (the server owns them). */
  changes: Change[];
}

const isIdCounter = (table: TableName, key: string) => table === 'counters' && key.startsWith('id.');

/** A reader over the view that remembers every row read (the first read of a key: the view does not change while staging). */
class RecordingReader implements TableReader {
  readonly reads = new Map<string, Read>();
  iterated = false;

  constructor(private readonly view: TableReader) {}

  get<T extends TableName>(table: T, key: string): RowTypes[T] | undefined {
    const row = this.view.get(table, key);
    const at = `${table}\u0000${key}`;
    // The id counters are the server's: their reads are the placeholders' business, not the guard's.
    if (!isIdCounter(table, key) && !this.reads.has(at))
      this.reads.set(at, { table, key, row: row === undefined ? null : JSON.stringify(row) });
    return row;
  }

  rows<T extends TableName>(table: T): Iterable<RowTypes[T]> {
    this.iterated = true;
    return this.view.rows(table);
  }
}

/** Stages every pending append with placeholders over `view`; undefined when the batch must take the usual path. `mint`: for tests. */
export function stageWithNonces(
  pending: readonly PendingAppend[],
  view: TableReader,
  options: PrepareOptions,
  mint: () => string = mintNonce,
): NonceBatch | undefined {
  const reader = new RecordingReader(view);
  const staged = new Tx(reader);
  const seqNonces: string[] = [];
  const ids: NonceBatch['ids'] = [];
  const assign = (prefix: string) => {
    const nonce = mint();
    ids.push({ prefix, nonce });
    return Number(nonce);
  };
  const items: NonceBatch['items'] = [];
  const events: RecordEvent[] = [];
  try {
    for (const item of pending) {
      for (const draft of item.drafts) {
        const seq = mint();
        seqNonces.push(seq);
        events.push(prepareEvent(draft, staged, Number(seq), options, assign));
      }
      items.push({ item, count: item.drafts.length });
    }
  } catch {
    return undefined;
  }
  if (reader.iterated || events.length === 0) return undefined;
  const nonces = [...seqNonces, ...ids.map((i) => i.nonce)];
  // Two equal placeholders (one chance in ~2^52 per pair) would get one number.
  if (new Set(nonces).size !== nonces.length) return undefined;
  const idNonces = new Set(ids.map((i) => i.nonce));
  const changes: Change[] = [];
  for (const change of staged.changes()) {
    if (!isIdCounter(change.table, change.key)) changes.push(change);
    // A counter moved by an id the draft gave (not a placeholder) is a read-modify-write the guard does not cover.
    else if (change.row === null || !idNonces.has(String((change.row as { value: unknown }).value))) return undefined;
  }
  if (changes.some((c) => seqNonces.some((n) => c.key.includes(n)))) return undefined;
  // Substitution replaces every occurrence of a placeholder: none may occur in what the batch was made from.
  // (Read keys are not inputs: they are made from the drafts and the placeholders, and the server substitutes them too.)
  const inputs = [...pending.flatMap((p) => p.drafts.map((d) => JSON.stringify(d))), ...[...reader.reads.values()].map((r) => r.row ?? '')];
  if (inputs.some((text) => nonces.some((n) => text.includes(n)))) return undefined;
  return { items, events: events.map((e) => JSON.stringify(e)), seqNonces, ids, reads: [...reader.reads.values()], changes };
}

/** What the server does to each text (append-fn.ts, crucible_subst): every placeholder replaced by its number. */
export function substitute(text: string, numbers: ReadonlyMap<string, number>): string {
  let out = text;
  for (const [nonce, value] of numbers) out = out.replaceAll(nonce, String(value));
  return out;
}

// Checks that the log is whole: sequence numbers 1..head without a gap, the chain holding, and
// the head not behind the witness. The check on open is cheap: the chain over the last entries,
// and every key only when the files are not as crucible sealed them (see seal.ts); the full check
// (`crucible rebuild --check`, salvage) follows the whole chain.
import type { Keyspaces } from './level-db.js';
import { keyPagesOf, seqKey } from './level-db.js';
import { scanLog } from './log-scan.js';
import { trustFrom } from './trust-mark.js';
import { followChain, GENESIS_HASH, type ChainBreak } from './chain.js';
import type { RecordEvent } from './events.js';
import { readWitness, type HeadMark } from './witness.js';

/** How many of the last entries the open check chains (the rest are checked for gaps only). */
const TAIL = 32;

export interface LogCheck extends HeadMark {
  /** The first bad place, when the log is not whole. */
  broken?: ChainBreak | { seq: number; reason: 'lost'; witness: number } | { seq: number; reason: 'invalid' };
}

/**
 * `scope: 'tail'` when the record's files are as its last clean close sealed them (see seal.ts): the head
 * comes from the last key and only the tail is checked. Otherwise every key is read to find a gap.
 */
export async function checkLogOnOpen(ks: Keyspaces, dir: string, scope: 'tail' | 'full'): Promise<LogCheck> {
  const head = scope === 'tail' ? await lastSeq(ks) : await gapFreeHead(ks);
  if (typeof head !== 'number') return head;
  const tail = await readTail(ks, head);
  const mark = tail ? tailMark(tail, head) : await fullCheck(ks);
  return mark.broken ? mark : withWitness(ks, dir, mark);
}

async function lastSeq(ks: Keyspaces): Promise<number> {
  for await (const key of ks.log.keys({ reverse: true, limit: 1 })) return Number(key);
  return 0;
}

/** The head, or the first gap, read from every key of the log. */
async function gapFreeHead(ks: Keyspaces): Promise<number | LogCheck> {
  let expected = 1;
  for await (const keys of keyPagesOf(ks.log))
    for (const key of keys) {
      if (Number(key) !== expected) return { seq: expected - 1, hash: '', broken: { seq: expected, reason: 'gap' } };
      expected += 1;
    }
  return expected - 1;
}

/** Follows the chain over the whole log from genesis, up to the first bad event. */
export async function fullCheck(ks: Keyspaces, onEvent?: (event: RecordEvent) => void): Promise<LogCheck> {
  return scanLog(ks, { trustFrom: await trustFrom(ks), ...(onEvent ? { onEvent } : {}) });
}

/**
 * The last entries with their stored hashes, or undefined when one has none (written before the chain) or
 * is not even JSON: the full check then finds and names it. No zod here: the chain, which covers each
 * event's exact text, is what proves an entry whole, and a short command need not build the event schemas.
 */
async function readTail(ks: Keyspaces, head: number): Promise<{ event: RecordEvent; hash: string }[] | undefined> {
  if (head === 0) return [];
  const entries = [];
  const range = { gte: seqKey(Math.max(1, head - TAIL)), lte: seqKey(head), valueEncoding: 'utf8' };
  for await (const [, text] of ks.log.iterator<string, string>(range)) {
    const entry = chainedEntry(text);
    if (!entry) return undefined;
    entries.push(entry);
  }
  return entries;
}

/** `{...event, hash}` split into the event (its keys in the order they were hashed) and the hash. */
function chainedEntry(text: string): { event: RecordEvent; hash: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { hash?: unknown }).hash !== 'string') return undefined;
  const { hash, ...event } = value as RecordEvent & { hash: string };
  return { event: event as RecordEvent, hash };
}

function tailMark(tail: { event: RecordEvent; hash: string }[], head: number): LogCheck {
  const [first, ...rest] = tail;
  if (!first) return { seq: 0, hash: GENESIS_HASH };
  // A short log is chained whole, from genesis; a long one from the stored hash before its tail.
  const step = first.event.seq === 1 ? followChain(tail, GENESIS_HASH, 1) : followChain(rest, first.hash ?? '', first.event.seq + 1);
  if (step.broken) return { seq: step.next - 1, hash: step.hash, broken: step.broken };
  return { seq: head, hash: step.hash };
}

async function withWitness(ks: Keyspaces, dir: string, mark: LogCheck): Promise<LogCheck> {
  const witness = readWitness(dir);
  if (!witness) return mark;
  if (witness.seq > mark.seq) return { ...mark, broken: { seq: mark.seq + 1, reason: 'lost', witness: witness.seq } };
  if (witness.seq === 0) return mark;
  const stored = await ks.log.get(seqKey(witness.seq));
  const storedHash = (stored as { hash?: unknown } | undefined)?.hash;
  const hash = typeof storedHash === 'string' ? storedHash : undefined;
  if (hash !== undefined && hash !== witness.hash) return { ...mark, broken: { seq: witness.seq, reason: 'hash' } };
  return mark;
}

// Checks that the log is whole: sequence numbers 1..head without a gap, the chain holding, and
// the head not behind the witness. The check on open is cheap (keys only, plus the chain over
// the last entries); the full check (`crucible rebuild --check`, salvage) follows the whole chain.
import type { Keyspaces } from './level-db.js';
import { keyPagesOf, pagesOf, seqKey } from './level-db.js';
import { followChain, GENESIS_HASH, type ChainBreak } from './chain.js';
import { readLogValue } from './log-entry.js';
import type { RecordEvent } from './events.js';
import { readWitness, type HeadMark } from './witness.js';

/** How many of the last entries the open check chains (the rest are checked for gaps only). */
const TAIL = 32;

export interface LogCheck extends HeadMark {
  /** The first bad place, when the log is not whole. */
  broken?: ChainBreak | { seq: number; reason: 'lost'; witness: number } | { seq: number; reason: 'invalid' };
}

export async function checkLogOnOpen(ks: Keyspaces, dir: string): Promise<LogCheck> {
  let expected = 1;
  for await (const keys of keyPagesOf(ks.log))
    for (const key of keys) {
      if (Number(key) !== expected) return { seq: expected - 1, hash: '', broken: { seq: expected, reason: 'gap' } };
      expected += 1;
    }
  const head = expected - 1;
  const tail = await readTail(ks, head);
  const mark = tail.every((e) => e.hash !== undefined) ? tailMark(tail, head) : await fullCheck(ks);
  return mark.broken ? mark : withWitness(ks, dir, mark);
}

/** Follows the chain over the whole log from genesis. */
export async function fullCheck(ks: Keyspaces, onEvent?: (event: RecordEvent) => void): Promise<LogCheck> {
  let hash = GENESIS_HASH;
  let next = 1;
  for await (const page of pagesOf(ks.log))
    for (const [key, value] of page) {
      const seq = Number(key);
      let entry: ReturnType<typeof readLogValue>;
      try {
        entry = readLogValue(value, seq);
      } catch {
        return { seq: next - 1, hash, broken: { seq: Math.min(seq, next), reason: seq === next ? 'invalid' : 'gap' } };
      }
      const step = followChain([entry], hash, next);
      if (step.broken) return { seq: next - 1, hash, broken: step.broken };
      onEvent?.(entry.event);
      hash = step.hash;
      next = step.next;
    }
  return { seq: next - 1, hash };
}

async function readTail(ks: Keyspaces, head: number) {
  if (head === 0) return [];
  const entries = [];
  for await (const [key, value] of ks.log.iterator({ gte: seqKey(Math.max(1, head - TAIL)), lte: seqKey(head) }))
    entries.push(readLogValue(value, Number(key)));
  return entries;
}

function tailMark(tail: { event: RecordEvent; hash: string | undefined }[], head: number): LogCheck {
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
  const hash = stored === undefined ? undefined : readLogValue(stored, witness.seq).hash;
  if (hash !== undefined && hash !== witness.hash) return { ...mark, broken: { seq: witness.seq, reason: 'hash' } };
  return mark;
}

// The record's hash chain: each event's hash covers the previous hash and the event itself, so
// a lost, reordered or altered event breaks every hash after it. The contract is shared by every
// EventStore (LevelDB and PostgreSQL) and by `crucible export`: sha256 hex of
// `previousHash + '\n' + JSON.stringify(event)`, where `event` is the validated RecordEvent with
// its keys in the order the validator outputs them; the first event chains from GENESIS_HASH.
import { hash as digest } from 'node:crypto';
import type { RecordEvent } from './events.js';

export const GENESIS_HASH = '0'.repeat(64);

export function chainNext(previousHash: string, event: RecordEvent): string {
  return chainNextText(previousHash, JSON.stringify(event));
}

/** The same over the event's JSON text as it was hashed (a store that keeps that text checks it without re-encoding). */
export function chainNextText(previousHash: string, eventText: string): string {
  return digest('sha256', `${previousHash}\n${eventText}`, 'hex');
}

/** The first place a sequence of (event, stored hash) pairs leaves the chain, or undefined if it holds. */
export interface ChainBreak {
  seq: number;
  reason: 'gap' | 'hash';
}

/**
 * Follows the chain over `entries` from `previousHash` (the hash of the event before the first).
 * `expectedSeq` is the sequence the first entry must have. Entries without a stored hash (written
 * before the chain existed) are chained by content only.
 */
export function followChain(
  entries: Iterable<{ event: RecordEvent; hash: string | undefined }>,
  previousHash: string,
  expectedSeq: number,
): { hash: string; next: number; broken?: ChainBreak } {
  let hash = previousHash;
  let next = expectedSeq;
  for (const { event, hash: stored } of entries) {
    if (event.seq !== next) return { hash, next, broken: { seq: next, reason: 'gap' } };
    const computed = chainNext(hash, event);
    if (stored !== undefined && stored !== computed) return { hash, next, broken: { seq: event.seq, reason: 'hash' } };
    hash = computed;
    next += 1;
  }
  return { hash, next };
}

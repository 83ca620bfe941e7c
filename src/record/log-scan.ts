// Follows the hash chain over the log as LevelDB stores it, cheaply. An entry is stored as the
// JSON text of `{...event, hash}`, so that text without its trailing `,"hash":"…"` is exactly
// the text the hash covers: the chain is checked without decoding and re-encoding the event, and
// an entry whose hash verifies is decoded with JSON.parse alone, since it was validated with zod
// when it was written (under the schema revision in the record's meta, see trust-mark.ts).
// Entries without a hash, written under another schema revision, or off the chain are validated
// and chained the slow way, so a damaged or hand-made entry is still found and named.
import type { Keyspaces } from './level-db.js';
import { textPagesOf } from './level-db.js';
import { chainNextText, followChain, GENESIS_HASH, type ChainBreak } from './chain.js';
import { readLogValue } from './log-entry.js';
import type { RecordEvent } from './events.js';

const HASH_KEY = ',"hash":"';
/** `,"hash":"` + 64 hex digits + `"}`. */
const SUFFIX_LENGTH = HASH_KEY.length + 64 + 2;

export interface LogScan {
  /** The last sequence number that chained, and its hash. */
  seq: number;
  hash: string;
  broken?: ChainBreak | { seq: number; reason: 'invalid' };
}

export interface ScanOptions {
  /** Entries from this sequence on may skip zod when their hash verifies (Infinity: validate all). */
  trustFrom: number;
  onEvent?: (event: RecordEvent) => void;
  /**
   * Replay goes on past a break in the chain, validating every later entry (an unreadable one throws), so
   * `rebuild --check` compares everything; the open check and salvage stop at the first bad event.
   */
  pastBreaks?: boolean;
}

export async function scanLog(ks: Keyspaces, options: ScanOptions): Promise<LogScan> {
  let hash = GENESIS_HASH;
  let next = 1;
  let broken: LogScan['broken'];
  let good = 0;
  for await (const page of textPagesOf(ks.log))
    for (const [key, text] of page) {
      const seq = Number(key);
      if (broken) {
        options.onEvent?.(readLogValue(JSON.parse(text), seq).event);
        continue;
      }
      const step = seq === next && seq >= options.trustFrom ? trusted(text, hash, seq) : undefined;
      let event: RecordEvent;
      if (step) {
        event = step.event;
        hash = step.hash;
      } else {
        let entry: ReturnType<typeof readLogValue>;
        try {
          entry = readLogValue(JSON.parse(text), seq);
        } catch (error) {
          if (options.pastBreaks) throw error;
          return { seq: next - 1, hash, broken: seq === next ? { seq, reason: 'invalid' } : { seq: next, reason: 'gap' } };
        }
        const checked = followChain([entry], hash, next);
        event = entry.event;
        if (checked.broken) {
          if (!options.pastBreaks) return { seq: next - 1, hash, broken: checked.broken };
          broken = checked.broken;
          good = next - 1;
        } else hash = checked.hash;
      }
      options.onEvent?.(event);
      next += 1;
    }
  return broken ? { seq: good, hash, broken } : { seq: next - 1, hash };
}

/** The entry decoded without validation, when its stored hash is the one the chain gives; otherwise undefined. */
export function trusted(text: string, previousHash: string, seq: number): { event: RecordEvent; hash: string } | undefined {
  const at = text.length - SUFFIX_LENGTH;
  if (at < 1 || !text.startsWith(HASH_KEY, at) || !text.endsWith('"}')) return undefined;
  const body = `${text.slice(0, at)}}`;
  const stored = text.slice(at + HASH_KEY.length, at + HASH_KEY.length + 64);
  const computed = chainNextText(previousHash, body);
  if (computed !== stored) return undefined;
  const event = JSON.parse(body) as RecordEvent;
  return event.seq === seq ? { event, hash: computed } : undefined;
}

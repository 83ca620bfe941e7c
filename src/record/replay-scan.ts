// Replay's fast scan of a log trusted from its first entry (see trust-mark.ts): every entry is decoded
// with JSON.parse alone and reduced at once, while a worker thread follows the hash chain over the same
// texts (chain-worker.ts), so the sha256 per event runs on the other core. The first page is chained
// here, so a small log never starts a worker. Anything off — a gap, an entry that does not parse or
// chain, a reducer that refuses — and the scan gives up (undefined): the caller throws its tables away
// and replays the careful way, which names the damage.
import { keyBounds, seqKey, valueTextPagesOf, type Keyspaces } from './level-db.js';
import { GENESIS_HASH } from './chain.js';
import { ChainWorker } from './chain-worker.js';
import { trusted } from './log-scan.js';
import type { RecordEvent } from './events.js';

export async function scanTrustedLog(ks: Keyspaces, onEvent: (event: RecordEvent) => void): Promise<{ seq: number } | undefined> {
  const scan = { next: 1, hash: GENESIS_HASH, handed: 0, worker: undefined as ChainWorker | undefined };
  let whole: boolean;
  try {
    whole = await decodeAll(ks, scan, onEvent);
  } catch {
    whole = false;
  }
  // N distinct keys of one width in order, from #1's to #N's, can only be #1..#N: every entry sits under its own key.
  if (whole && scan.next > 1) {
    const bounds = await keyBounds(ks.log);
    whole = bounds?.first === seqKey(1) && bounds.last === seqKey(scan.next - 1);
  }
  if (!scan.worker) return whole ? { seq: scan.next - 1 } : undefined;
  if (!whole) return void (await scan.worker.abandon());
  const verdict = await scan.worker.finish();
  return verdict.whole && verdict.count === scan.handed ? { seq: scan.next - 1 } : undefined;
}

interface Scan {
  next: number;
  /** The chain as followed here, over the first page. */
  hash: string;
  /** How many entries the worker was given. */
  handed: number;
  worker: ChainWorker | undefined;
}

/** Decodes and reduces every entry; false at the first that is out of place or, on the first page, off the chain. */
async function decodeAll(ks: Keyspaces, scan: Scan, onEvent: (event: RecordEvent) => void): Promise<boolean> {
  // Keys are not decoded here: each event's own `seq` must be the next one (the chain covers it), and the
  // first and last keys are checked after the scan.
  for await (const page of valueTextPagesOf(ks.log)) {
    if (!scan.worker && scan.next > 1) scan.worker = new ChainWorker(scan.hash);
    if (scan.worker) {
      scan.worker.push(page);
      scan.handed += page.length;
    }
    for (const text of page) {
      let event: RecordEvent;
      if (scan.worker) event = JSON.parse(text) as RecordEvent;
      else {
        const step = trusted(text, scan.hash, scan.next);
        if (!step) return false;
        ({ event, hash: scan.hash } = step);
      }
      if (event.seq !== scan.next) return false;
      onEvent(event);
      scan.next += 1;
    }
  }
  return true;
}

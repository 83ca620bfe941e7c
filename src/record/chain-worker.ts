// Follows the hash chain on a worker thread, beside the thread that decodes and reduces the same
// entries: replay's sha256 per event then costs the reducing thread nothing. The worker is handed
// each page of stored log texts (`{...event,"hash":"…"}`, see log-scan.ts) in log order and says at
// the end whether every one chained; it knows nothing of events, so it cannot vouch for a sequence
// number (the caller checks those). The formula is chain.ts's, over the text without its hash key.
import { Worker } from 'node:worker_threads';

export type ChainVerdict = { whole: true; count: number; hash: string } | { whole: false };

// Plain CommonJS evaluated by the worker (no module of ours to resolve, in a bundle or under tsx). A page
// arrives as the UTF-8 bytes of its texts joined by newlines (a transferred buffer: no copy on the way), and
// is hashed from those bytes: the UTF-8 of the text is what chain.ts hashes.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const HASH_KEY = Buffer.from(',"hash":"');
const SUFFIX = HASH_KEY.length + 64 + 2;
let hash = workerData;
let count = 0;
let whole = true;
function follow(bytes) {
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(10, start);
    const end = newline < 0 ? bytes.length : newline;
    const at = end - SUFFIX;
    if (at <= start || bytes.compare(HASH_KEY, 0, HASH_KEY.length, at, at + HASH_KEY.length) !== 0) return false;
    if (bytes[end - 2] !== 34 || bytes[end - 1] !== 125) return false;
    const stored = bytes.toString("latin1", at + HASH_KEY.length, at + HASH_KEY.length + 64);
    const computed = createHash('sha256').update(hash).update('\\n').update(bytes.subarray(start, at)).update('}').digest('hex');
    if (computed !== stored) return false;
    hash = computed;
    count += 1;
    start = end + 1;
  }
  return true;
}
parentPort.on('message', (page) => {
  if (page === null) return parentPort.postMessage(whole ? { whole, count, hash } : { whole });
  if (whole) whole = follow(Buffer.from(page.buffer, page.byteOffset, page.byteLength));
});
`;

const encoder = new TextEncoder();

export class ChainWorker {
  private readonly worker: Worker;
  private readonly verdict: Promise<ChainVerdict>;

  /** Starts following the chain from `fromHash` (the hash of the entry before the first it is given). */
  constructor(fromHash: string) {
    this.worker = new Worker(SOURCE, { eval: true, workerData: fromHash });
    this.verdict = new Promise<ChainVerdict>((resolve) => {
      this.worker.once('message', (message: ChainVerdict) => resolve(message));
      // A worker that cannot run vouches for nothing: the caller follows the chain itself.
      this.worker.once('error', () => resolve({ whole: false }));
      this.worker.once('exit', () => resolve({ whole: false }));
    });
  }

  /** The next stored texts, in log order. JSON text never holds a raw newline, so a page travels as one buffer. */
  push(texts: readonly string[]): void {
    if (texts.length === 0) return;
    const bytes = encoder.encode(texts.join('\n'));
    this.worker.postMessage(bytes, [bytes.buffer]);
  }

  /** Whether every text pushed chained, and the last hash; the worker is gone afterwards. */
  async finish(): Promise<ChainVerdict> {
    this.worker.postMessage(null);
    const verdict = await this.verdict;
    await this.worker.terminate();
    return verdict;
  }

  async abandon(): Promise<void> {
    await this.worker.terminate();
  }
}

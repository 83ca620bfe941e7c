// Follows the hash chain on a worker thread, beside the thread that decodes and reduces the same
// entries: replay's sha256 per event then costs the reducing thread nothing. The worker is handed
// each page of stored log texts (`{...event,"hash":"…"}`, see log-scan.ts) in log order and says at
// the end whether every one chained; it knows nothing of events, so it cannot vouch for a sequence
// number (the caller checks those). The formula is chain.ts's, over the text without its hash key.
import { Worker } from 'node:worker_threads';

export type ChainVerdict = { whole: true; count: number; hash: string } | { whole: false };

// Plain CommonJS evaluated by the worker (no module of ours to resolve, in a bundle or under tsx). A page
// arrives as the array of its texts (structured cloning copies a string's characters in one go, cheaper for
// the replaying thread than joining and encoding them), and each is hashed as chain.ts does: the UTF-8 of
// the previous hash, a newline and the text without its hash key, in one `crypto.hash` call (a Hash object
// and three updates per entry cost the worker ~16% more CPU over the bench's 100k entries).
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash: sha } = require('node:crypto');
const HASH_KEY = ',"hash":"';
const SUFFIX = HASH_KEY.length + 64 + 2;
let hash = workerData;
let count = 0;
let whole = true;
function follow(texts) {
  for (const text of texts) {
    if (typeof text !== 'string') return false;
    const at = text.length - SUFFIX;
    if (at < 1 || !text.startsWith(HASH_KEY, at) || !text.endsWith('"}')) return false;
    const stored = text.slice(at + HASH_KEY.length, at + HASH_KEY.length + 64);
    const computed = sha('sha256', hash + '\\n' + text.slice(0, at) + '}', 'hex');
    if (computed !== stored) return false;
    hash = computed;
    count += 1;
  }
  return true;
}
parentPort.on('message', (page) => {
  if (page === null) return parentPort.postMessage(whole ? { whole, count, hash } : { whole });
  if (whole) whole = follow(page);
});
`;

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

  /** The next stored texts, in log order. */
  push(texts: readonly string[]): void {
    if (texts.length > 0) this.worker.postMessage(texts);
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

// A pool of USE-lite worker threads, one model each, started on demand (or all at
// once by `warm`, so their models load while the caller does other work): a query
// (one text) needs one worker; a fill spreads each call's texts over all of them,
// each share going to the worker with the fewest texts queued, so a fill that keeps
// two calls in flight never leaves a worker idle between calls.
// Idle workers do not keep the process alive.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failure } from '../../shared/errors.js';
import type { EmbedReply, EmbedRequest } from './use-lite-worker.js';

interface Pending {
  resolve(vectors: number[][]): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Texts sent and not yet answered. */
  queued: number;
}

export interface UseLitePool {
  readonly size: number;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
  /** Starts every worker now, so their models load before the first call. */
  warm(): void;
  close(): Promise<void>;
}

/** Under tsx (tests, benches) the worker is TypeScript: it registers tsx's loader before importing it. */
function startWorker(maxTokens: number): Worker {
  const url = new URL(`./use-lite-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const options = { workerData: { maxTokens } };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(source, { ...options, eval: true });
}

export function createUseLitePool(maxWorkers: number, maxTokens: number): UseLitePool {
  const workers: PoolWorker[] = [];
  let nextId = 0;

  const grow = (wanted: number): PoolWorker[] => {
    while (workers.length < Math.min(wanted, maxWorkers)) {
      const entry: PoolWorker = { worker: startWorker(maxTokens), pending: new Map(), queued: 0 };
      const failAll = (error: Error) => {
        for (const p of entry.pending.values()) p.reject(error);
        entry.pending.clear();
        const at = workers.indexOf(entry);
        if (at >= 0) workers.splice(at, 1);
      };
      entry.worker.on('message', (reply: EmbedReply) => {
        const pending = entry.pending.get(reply.id);
        entry.pending.delete(reply.id);
        if (entry.pending.size === 0) entry.worker.unref();
        if ('error' in reply) pending?.reject(failure('retrieval.embedder-worker', `use-lite worker: ${reply.error}`));
        else pending?.resolve(reply.vectors);
      });
      entry.worker.on('error', failAll);
      entry.worker.on('exit', (code) => failAll(failure('retrieval.embedder-worker', `use-lite worker exited (code ${code})`)));
      entry.worker.unref();
      workers.push(entry);
    }
    return workers.slice(0, wanted);
  };

  const send = (entry: PoolWorker, texts: string[]): Promise<number[][]> =>
    new Promise<number[][]>((resolve, reject) => {
      const id = nextId++;
      entry.pending.set(id, { resolve, reject });
      entry.queued += texts.length;
      entry.worker.ref();
      entry.worker.postMessage({ id, texts } satisfies EmbedRequest);
    }).finally(() => (entry.queued -= texts.length));

  const leastQueued = (pool: readonly PoolWorker[]): PoolWorker =>
    pool.reduce((best, entry) => (entry.queued < best.queued ? entry : best));

  return {
    get size() {
      return workers.length;
    },
    async embed(texts, signal) {
      signal?.throwIfAborted();
      const share = Math.ceil(texts.length / maxWorkers);
      const parts: string[][] = [];
      for (let i = 0; i < texts.length; i += share) parts.push(texts.slice(i, i + share));
      const pool = grow(Math.max(parts.length, workers.length));
      const results = await Promise.all(parts.map((part) => send(leastQueued(pool), part)));
      signal?.throwIfAborted();
      return results.flat();
    },
    warm() {
      grow(maxWorkers);
    },
    async close() {
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}

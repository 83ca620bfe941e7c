// What an open retrieval holds in memory, how it is loaded from
// `<indexDir>`, and how the vector index is (re)built when it is missing,
// corrupt, out of step with the chunk store, or made by another embedder.
import { mkdir } from 'node:fs/promises';
import { Bm25Index } from './bm25.js';
import { CHUNKER_VERSION, indexText } from './chunkers/index.js';
import { ChunkStore } from './chunk-store.js';
import type { RetrievalConfig } from './config.js';
import { EmbeddingCache, embeddingKey } from './embedding-cache.js';
import { createEmbedder, type Embedder } from './embedders/index.js';
import type { VectorIndex } from './hnsw-index.js';
import { chunkTokens } from './lexical.js';
import type { Chunk, ProgressListener } from './types.js';

export interface Dense {
  embedder: Embedder;
  cache: EmbeddingCache;
  index: VectorIndex;
}

export interface RetrievalState {
  root: string;
  indexDir: string;
  config: RetrievalConfig;
  onProgress: ProgressListener;
  store: ChunkStore;
  bm25: Bm25Index;
  chunkerChanged: boolean;
  /** Loaded on first need; null when the embedder kind is `none`. */
  dense: Dense | null | undefined;
  notices: string[];
  /** Injected embedder (tests, benchmarks); otherwise built from config. */
  embedderOverride: Embedder | undefined;
  /** The embedder built from config, once per open retrieval (its worker threads are reused by every fill). */
  embedderLoading: Promise<Embedder | null> | undefined;
  /** Texts sent to the embedder since open (rebuilds included). */
  embeddedCount: number;
}

export const chunkerKeyFor = (config: RetrievalConfig): string => `v${CHUNKER_VERSION}:${JSON.stringify(config.chunking)}`;

export const keyOf = (chunk: Chunk): string => embeddingKey(indexText(chunk));

export async function loadState(options: {
  root: string;
  indexDir: string;
  config: RetrievalConfig;
  onProgress: ProgressListener;
  embedder?: Embedder;
}): Promise<RetrievalState> {
  await mkdir(options.indexDir, { recursive: true });
  const { store, chunkerChanged, problem } = await ChunkStore.load(options.indexDir, chunkerKeyFor(options.config));
  const state: RetrievalState = {
    ...options,
    store,
    bm25: new Bm25Index(options.config.ranking.bm25),
    chunkerChanged,
    dense: undefined,
    notices: [],
    embedderOverride: options.embedder,
    embedderLoading: undefined,
    embeddedCount: 0,
  };
  if (problem) notify(state, problem);
  for (const chunk of store.allChunks()) state.bm25.add(chunk.id, chunkTokens(chunk, options.config.ranking.headingWeight));
  return state;
}

export function notify(state: RetrievalState, message: string): void {
  state.notices.push(message);
  state.onProgress({ phase: 'rebuild', done: 0, total: 0, message });
}

export const hasEmbedder = (state: RetrievalState): boolean =>
  state.embedderOverride !== undefined || state.config.embedder.kind !== 'none';

/** The embedder (null for kind `none`), built on first need; a failed build is retried on the next call. */
export function embedderOf(state: RetrievalState): Promise<Embedder | null> {
  if (state.embedderOverride) return Promise.resolve(state.embedderOverride);
  state.embedderLoading ??= createEmbedder(state.config.embedder).catch((error: unknown) => {
    state.embedderLoading = undefined;
    throw error;
  });
  return state.embedderLoading;
}

/** Starts loading the embedder's model(s) without waiting, so a fill that follows soon finds them ready. */
export function warmEmbedder(state: RetrievalState): void {
  // A failure is reported where the embedder is next awaited (the fill), not here.
  embedderOf(state).then(
    (embedder) => embedder?.warm?.(),
    () => undefined,
  );
}

/**
 * Makes the embedder, cache and vector index ready. Returns why the vector
 * index had to be rebuilt, or null when the saved one was usable. `fill`: the
 * index is expected to be out of step (a deferred ingest), so no notice.
 */
export async function ensureDense(
  state: RetrievalState,
  signal?: AbortSignal,
  purpose: 'repair' | 'fill' = 'repair',
): Promise<string | null> {
  if (state.dense !== undefined) return null;
  const embedder = await embedderOf(state);
  if (embedder === null) {
    state.dense = null;
    return null;
  }
  const signature = { name: embedder.name, dimension: embedder.dimension };
  const { cache, problem: cacheProblem } = await EmbeddingCache.open(state.indexDir, signature);
  if (cacheProblem) notify(state, cacheProblem);
  const params = {
    embedder: signature,
    m: state.config.hnsw.m,
    efConstruction: state.config.hnsw.efConstruction,
    initialCapacity: state.config.hnsw.initialCapacity,
  };
  // hnswlib's native addon is loaded with the vector index, so a lexical search never loads it.
  const { VectorIndex } = await import('./hnsw-index.js');
  const loaded = await VectorIndex.load(state.indexDir, params);
  let problem = loaded.ok ? null : loaded.problem;
  if (loaded.ok && !sameIds(loaded.index, state.store)) problem = 'the vector index does not match the chunk store';
  if (loaded.ok && problem === null) {
    state.dense = { embedder, cache, index: loaded.index };
    return null;
  }
  const hadIndex = state.store.chunkCount > 0;
  const reason = problem ?? 'the vector index is missing';
  if (hadIndex && purpose === 'repair') notify(state, `${reason}; rebuilding it from the chunk store (${state.store.chunkCount} chunks)`);
  const capacity = Math.max(params.initialCapacity, state.store.chunkCount);
  const dense: Dense = { embedder, cache, index: VectorIndex.create({ ...params, initialCapacity: capacity }) };
  await fillVectors(state, dense, state.store.allChunks(), purpose === 'fill' ? 'embed' : 'rebuild', signal);
  await dense.index.save(state.indexDir);
  await cache.save(); // no pruning here: the store may be about to be refilled from the same vectors
  state.dense = dense;
  return hadIndex ? reason : null;
}

function sameIds(index: VectorIndex, store: ChunkStore): boolean {
  if (index.count !== store.chunkCount) return false;
  return index.chunkIds().every((id) => store.chunk(id) !== undefined);
}

/**
 * The embedding cache is saved after this many texts or this long since the last
 * save, whichever comes first, so an interrupted fill resumes near where it stopped.
 */
const CHECKPOINT_TEXTS = 256;
const CHECKPOINT_MS = 10_000;

/** Embeds what the cache lacks (in batches, with progress). Returns how many texts were embedded. */
export async function embedMissing(
  state: RetrievalState,
  dense: Dense,
  chunks: readonly Chunk[],
  phase: 'embed' | 'rebuild',
  signal?: AbortSignal,
): Promise<number> {
  const missing = new Map<string, string>();
  for (const chunk of chunks) {
    const key = keyOf(chunk);
    if (!dense.cache.has(key) && !missing.has(key)) missing.set(key, indexText(chunk));
  }
  const todo = [...missing];
  const started = Date.now();
  const { batchSize } = dense.embedder;
  const depth = Math.max(1, dense.embedder.concurrency ?? 1);
  let sinceSave = 0;
  let savedAt = started;
  let done = 0;
  if (todo.length > 0) state.onProgress({ phase, done: 0, total: todo.length });
  const batches: Array<Array<[string, string]>> = [];
  for (let i = 0; i < todo.length; i += batchSize) batches.push(todo.slice(i, i + batchSize));
  // Up to `depth` calls in flight; results are stored in order as each call ends.
  const inFlight: Array<Promise<number[][]>> = [];
  const start = (at: number): void => {
    const batch = batches[at];
    if (!batch) return;
    const call = dense.embedder.embed(
      batch.map(([, text]) => text),
      signal,
    );
    call.catch(() => undefined); // awaited below; a failure while an earlier call is awaited is not unhandled
    inFlight.push(call);
  };
  try {
    for (let next = 0; next < Math.min(depth, batches.length); next++) start(next);
    for (let at = 0; at < batches.length; at++) {
      signal?.throwIfAborted();
      const vectors = await (inFlight.shift() as Promise<number[][]>);
      start(at + depth);
      const batch = batches[at] ?? [];
      batch.forEach(([key], j) => dense.cache.set(key, vectors[j] ?? []));
      state.embeddedCount += batch.length;
      sinceSave += batch.length;
      done += batch.length;
      if (sinceSave >= CHECKPOINT_TEXTS || Date.now() - savedAt >= CHECKPOINT_MS) {
        await dense.cache.save();
        sinceSave = 0;
        savedAt = Date.now();
      }
      state.onProgress({ phase, done, total: todo.length, rate: done / Math.max(0.001, (Date.now() - started) / 1000) });
    }
  } finally {
    if (sinceSave > 0) await dense.cache.save(); // keeps what was embedded before a failure or an abort
  }
  return todo.length;
}

/** Puts every given chunk's vector into the index (embedding what the cache lacks first). */
export async function fillVectors(
  state: RetrievalState,
  dense: Dense,
  chunks: readonly Chunk[],
  phase: 'embed' | 'rebuild',
  signal?: AbortSignal,
): Promise<number> {
  const embedded = await embedMissing(state, dense, chunks, phase, signal);
  for (const chunk of chunks) {
    const vector = dense.cache.get(keyOf(chunk));
    if (vector) await dense.index.add(chunk.id, vector);
  }
  return embedded;
}

// Incremental ingest: discover, hash, re-chunk only new or changed files,
// embed only chunks the cache lacks, then update BM25, the vector index and
// the chunk store, and save. Nothing is changed until every embedding succeeded,
// so a failure (server down, abort) leaves the previous index intact. With
// `vectors: 'later'` it stops once lexical search is ready (chunk store saved)
// and leaves the vector index out of step, which the next fill repairs.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { usageError } from '../shared/errors.js';
import { chunkFile, indexText } from './chunkers/index.js';
import { discoverFiles, isPathInScope } from './discovery.js';
import { sha256 } from './files.js';
import { embedMissing, ensureDense, hasEmbedder, keyOf, warmEmbedder, type RetrievalState } from './state.js';
import { chunkTokens } from './lexical.js';
import type { DocumentChange, IngestSummary, SkippedFile, StoredDocument } from './types.js';

export interface IngestOptions {
  /** Only these files or directories (relative to the root, or absolute inside it). */
  paths?: string[];
  signal?: AbortSignal;
  /**
   * `wait` (default): embed new chunks before returning. `later`: return as soon as lexical
   * search is ready; `fillVectors()` (or the next hybrid or dense search) embeds what the
   * embedding cache lacks, resuming where an interrupted fill stopped.
   */
  vectors?: 'wait' | 'later';
  /** With `later`: start loading the embedder now, for a `fillVectors()` that follows at once (`crucible ingest --wait`). */
  warmEmbedder?: boolean;
}

export async function ingest(state: RetrievalState, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const embeddedBefore = state.embeddedCount;
  const scope = checkScope(state.root, options.paths);
  const later = options.vectors === 'later';
  if (later) state.dense = undefined; // the saved vector index falls out of step; the next fill rebuilds it from the cache
  if (later && options.warmEmbedder && hasEmbedder(state)) warmEmbedder(state);
  const rebuilt = later ? null : await ensureDense(state, options.signal);
  const dense = state.dense ?? null;

  state.onProgress({ phase: 'discover', done: 0, total: 0 });
  const { files, skipped } = await discoverFiles({ root: state.root, config: state.config, extraExclude: indexDirGlob(state), scope });
  state.onProgress({ phase: 'discover', done: files.length, total: files.length });

  const documents: DocumentChange[] = [];
  const pending: StoredDocument[] = [];
  const unreadable: SkippedFile[] = [];
  for (const [i, file] of files.entries()) {
    options.signal?.throwIfAborted();
    let bytes: Buffer;
    try {
      bytes = await readFile(file.absPath);
    } catch {
      unreadable.push({ path: file.path, reason: 'unreadable' });
      continue;
    }
    const hash = sha256(bytes);
    const previous = state.store.get(file.path);
    if (previous && previous.hash === hash && !state.chunkerChanged) {
      documents.push({ path: file.path, hash, chunks: previous.chunks.length, status: 'unchanged' });
    } else {
      const chunks = chunkFile(file.path, bytes.toString('utf8'), state.config.chunking);
      pending.push({ path: file.path, hash, size: bytes.length, chunks });
      documents.push({ path: file.path, hash, chunks: chunks.length, status: previous ? 'updated' : 'added' });
    }
    state.onProgress({ phase: 'chunk', done: i + 1, total: files.length });
  }
  const seen = new Set(documents.map((d) => d.path));
  const removed = state.store
    .paths()
    .filter((path) => !seen.has(path) && isPathInScope(path, scope, state.root))
    .map((path) => state.store.get(path))
    .filter((doc): doc is StoredDocument => doc !== undefined);

  const newChunks = pending.flatMap((doc) => doc.chunks);
  let chunksReused = 0;
  if (dense) {
    chunksReused = newChunks.filter((chunk) => dense.cache.has(keyOf(chunk))).length;
    await embedMissing(state, dense, newChunks, 'embed', options.signal);
  }

  // Every embedding is in hand: apply the changes.
  const total = removed.length + pending.length;
  let applied = 0;
  for (const doc of [...removed, ...pending]) {
    const old = state.store.delete(doc.path);
    for (const chunk of old?.chunks ?? []) {
      state.bm25.remove(chunk.id);
      if (dense) await dense.index.remove(chunk.id);
    }
    state.onProgress({ phase: 'index', done: ++applied, total });
  }
  for (const doc of pending) {
    state.store.put(doc);
    for (const chunk of doc.chunks) {
      state.bm25.add(chunk.id, chunkTokens(chunk, state.config.ranking.headingWeight));
      const vector = dense?.cache.get(keyOf(chunk));
      if (dense && vector) await dense.index.add(chunk.id, vector);
    }
  }
  documents.push(...removed.map((doc) => ({ path: doc.path, hash: doc.hash, chunks: doc.chunks.length, status: 'removed' as const })));

  state.onProgress({ phase: 'save', done: 0, total: 1 });
  await state.store.save(state.indexDir);
  state.chunkerChanged = false;
  if (dense) {
    await dense.index.save(state.indexDir);
    await dense.cache.save(new Set(state.store.allChunks().map(keyOf)));
  }
  state.onProgress({ phase: 'save', done: 1, total: 1 });

  const count = (status: DocumentChange['status']): number => documents.filter((d) => d.status === status).length;
  return {
    filesSeen: files.length,
    filesAdded: count('added'),
    filesChanged: count('updated'),
    filesUnchanged: count('unchanged'),
    filesRemoved: count('removed'),
    filesSkipped: [...skipped, ...unreadable],
    chunksTotal: state.store.chunkCount,
    chunksEmbedded: state.embeddedCount - embeddedBefore,
    chunksReused,
    embedder: dense ? { name: dense.embedder.name, dimension: dense.embedder.dimension } : null,
    vectors: later ? (hasEmbedder(state) ? 'pending' : 'none') : dense ? 'ready' : 'none',
    rebuilt,
    ms: Date.now() - started,
    documents: documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

function checkScope(root: string, paths: string[] | undefined): string[] | undefined {
  if (!paths || paths.length === 0) return undefined;
  for (const path of paths) {
    const rel = relative(root, resolve(root, path));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw usageError('retrieval.path-outside', `ingest: ${path} is outside the project root ${root}`, 'pass paths inside the project');
    }
  }
  return paths.map((path) => relative(root, resolve(root, path)).split(sep).join('/'));
}

/** When the index directory sits inside the root, it must never be ingested. */
function indexDirGlob(state: RetrievalState): string[] {
  const rel = relative(state.root, state.indexDir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return [];
  return [`${rel.split(sep).join('/')}/**`];
}

// The retrieval API: `openRetrieval({ root })` then `ingest()` and `search()`.
// Ingest and search are serialized so a search never sees half an ingest.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { usageError } from '../shared/errors.js';
import { formatHits } from './citations.js';
import { parseRetrievalConfig, type RetrievalConfig, type RetrievalConfigInput } from './config.js';
import type { Embedder } from './embedders/index.js';
import type { IngestOptions } from './ingest.js';
import { search, type SearchOptions } from './search.js';
import { createSerialQueue } from './serial.js';
import { loadState, type RetrievalState } from './state.js';
import { fillPendingVectors } from './fill.js';
import type { FillSummary, IngestSummary, ProgressListener, SearchHit } from './types.js';

export interface OpenRetrievalOptions {
  /** The project root: the workspace that is ingested. */
  root: string;
  /** Defaults to `<root>/.crucible/index`. */
  indexDir?: string;
  /** The `retrieval` section of `.crucible/config.json` (validated here), or an already parsed config. */
  config?: RetrievalConfigInput | RetrievalConfig;
  onProgress?: ProgressListener;
  /** Use this embedder instead of the configured one (tests, benchmarks). */
  embedder?: Embedder;
}

export interface Retrieval {
  readonly root: string;
  readonly indexDir: string;
  readonly config: RetrievalConfig;
  /** Messages about repairs made (rebuilt index, damaged cache...), oldest first. */
  readonly notices: readonly string[];
  ingest(options?: IngestOptions): Promise<IngestSummary>;
  /** Embeds and indexes the vectors a `vectors: 'later'` ingest left pending (nothing when none are). */
  fillVectors(options?: { signal?: AbortSignal }): Promise<FillSummary>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** For the agents' `search_docs` tool: hits as compact text with citations. */
  searchDocs(query: string, k?: number): Promise<{ hits: SearchHit[]; text: string }>;
  stats(): { documents: number; chunks: number };
  /** Frees the configured embedder's worker threads (an injected embedder is the caller's to close). */
  close(): Promise<void>;
}

export async function openRetrieval(options: OpenRetrievalOptions): Promise<Retrieval> {
  const root = resolve(options.root);
  const indexDir = resolve(options.indexDir ?? join(root, '.crucible', 'index'));
  const config = parseRetrievalConfig(options.config ?? {});
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw usageError('retrieval.root-missing', `project root ${root} is not a directory`, 'run from inside the project, or pass its path');
  }
  const onProgress: ProgressListener = options.onProgress ?? (() => undefined);
  const queue = createSerialQueue();
  const current: RetrievalState = await loadState({
    root,
    indexDir,
    config,
    onProgress,
    ...(options.embedder ? { embedder: options.embedder } : {}),
  });

  return {
    root,
    indexDir,
    config,
    get notices() {
      return [...current.notices];
    },
    // Ingest (file discovery, fast-glob, the chunkers' writers) is loaded on use: a search never needs it.
    ingest: (ingestOptions) => queue.run(async () => (await import('./ingest.js')).ingest(current, ingestOptions)),
    fillVectors: (fillOptions) => queue.run(() => fillPendingVectors(current, fillOptions?.signal)),
    search: (query, searchOptions) => queue.run(() => search(current, query, searchOptions)),
    async searchDocs(query, k) {
      const hits = await queue.run(() => search(current, query, k === undefined ? {} : { k }));
      return { hits, text: formatHits(hits) };
    },
    stats: () => ({ documents: current.store.documentCount, chunks: current.store.chunkCount }),
    close: () =>
      queue.run(async () => {
        const loading = current.embedderLoading;
        current.embedderLoading = undefined;
        current.dense = undefined;
        await (await loading?.catch(() => null))?.close?.();
      }),
  };
}

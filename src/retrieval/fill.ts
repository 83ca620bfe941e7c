// Fills the vector index in after a deferred ingest (`vectors: 'later'`): embeds
// what the embedding cache lacks and rebuilds the index from the chunk store.
// Resumable: the cache is saved as it fills, so an interrupted fill loses at
// most one checkpoint's worth of work.
import { ensureDense, type RetrievalState } from './state.js';
import type { FillSummary } from './types.js';

export async function fillPendingVectors(state: RetrievalState, signal?: AbortSignal): Promise<FillSummary> {
  const started = Date.now();
  const before = state.embeddedCount;
  await ensureDense(state, signal, 'fill');
  const embedded = state.embeddedCount - before;
  const ms = Date.now() - started;
  return {
    chunks: state.dense ? state.store.chunkCount : 0,
    embedded,
    ms,
    rate: embedded > 0 ? Math.round((embedded / Math.max(0.001, ms / 1000)) * 10) / 10 : null,
  };
}

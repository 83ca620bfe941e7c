// Lexical hashing embedder ("feature hashing"): each token of the shared
// tokenizer lands in one of `dimension` buckets with a hashed sign, weighted
// 1 + log(tf). No model, no I/O: for huge trees, tests and benchmarks.
import { tokenize } from '../tokenize.js';
import { normalize, type Embedder } from './types.js';

/** 32-bit FNV-1a. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createHashEmbedder(dimension = 512): Embedder {
  const embedOne = (text: string): number[] => {
    const counts = new Map<string, number>();
    for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    const vector = new Array<number>(dimension).fill(0);
    for (const [token, tf] of counts) {
      const bucket = fnv1a(token) % dimension;
      const sign = fnv1a(token, 0x9747b28c) & 1 ? 1 : -1;
      vector[bucket] = (vector[bucket] ?? 0) + sign * (1 + Math.log(tf));
    }
    return normalize(vector);
  };
  return {
    name: 'hash-v2',
    dimension,
    batchSize: 256,
    embed: async (texts) => texts.map(embedOne),
  };
}

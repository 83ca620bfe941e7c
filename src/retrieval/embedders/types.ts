/** One interface for every embedder; name and dimension are recorded in the index metadata. */
export interface Embedder {
  /** Stable identifier recorded with the index, e.g. `use-lite`, `hash-v2`, `openai:nomic-embed-text`. */
  readonly name: string;
  readonly dimension: number;
  /** How many texts to send per `embed` call. */
  readonly batchSize: number;
  /** How many `embed` calls a fill keeps in flight (default 1): more keeps worker threads busy between calls. */
  readonly concurrency?: number;
  /** Returns one unit-length vector per text, in order. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Starts loading what the embedder needs (models on worker threads) without waiting for it; optional. */
  warm?(): void;
  /** Frees what the embedder holds (worker threads); optional. */
  close?(): Promise<void>;
}

export function normalize(vector: number[]): number[] {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0 || !Number.isFinite(norm)) {
    const unit = new Array<number>(vector.length).fill(0);
    unit[0] = 1;
    return unit;
  }
  return vector.map((x) => x / norm);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

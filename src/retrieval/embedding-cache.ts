// Vectors by content hash, one binary file per embedder:
// fixed-size records of [32-byte sha256 of the embedded text][dimension x float32].
// A file whose size is not a whole number of records is discarded (and reported).
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readIfExists, writeFileAtomic } from './files.js';

const KEY_BYTES = 32;

export const embeddingKey = (text: string): string => createHash('sha256').update(text).digest('hex');

export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private dirty = false;

  private constructor(
    readonly file: string,
    readonly dimension: number,
  ) {}

  static async open(
    dir: string,
    embedder: { name: string; dimension: number },
  ): Promise<{ cache: EmbeddingCache; problem: string | null }> {
    const safe = embedder.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    const cache = new EmbeddingCache(join(dir, `embeddings-${safe}-${embedder.dimension}.bin`), embedder.dimension);
    const bytes = await readIfExists(cache.file);
    if (bytes === null) return { cache, problem: null };
    const record = KEY_BYTES + embedder.dimension * 4;
    if (bytes.length % record !== 0) {
      cache.dirty = true;
      return { cache, problem: `embedding cache ${cache.file} is damaged (size ${bytes.length}); it will be rebuilt` };
    }
    for (let offset = 0; offset < bytes.length; offset += record) {
      const key = bytes.subarray(offset, offset + KEY_BYTES).toString('hex');
      const floats = new Float32Array(embedder.dimension);
      Buffer.from(floats.buffer).set(bytes.subarray(offset + KEY_BYTES, offset + record));
      cache.vectors.set(key, floats);
    }
    return { cache, problem: null };
  }

  get size(): number {
    return this.vectors.size;
  }

  get(key: string): number[] | undefined {
    const vector = this.vectors.get(key);
    return vector ? Array.from(vector) : undefined;
  }

  has(key: string): boolean {
    return this.vectors.has(key);
  }

  set(key: string, vector: readonly number[]): void {
    this.vectors.set(key, Float32Array.from(vector));
    this.dirty = true;
  }

  /** Drops vectors no chunk uses any more (when `liveKeys` is given), then writes the file if anything changed. */
  async save(liveKeys?: ReadonlySet<string>): Promise<void> {
    for (const key of this.vectors.keys()) {
      if (liveKeys && !liveKeys.has(key)) {
        this.vectors.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const record = KEY_BYTES + this.dimension * 4;
    const out = Buffer.alloc(this.vectors.size * record);
    let offset = 0;
    for (const [key, vector] of this.vectors) {
      out.write(key, offset, KEY_BYTES, 'hex');
      out.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), offset + KEY_BYTES);
      offset += record;
    }
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, out);
    this.dirty = false;
  }
}

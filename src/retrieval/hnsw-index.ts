// The vector index: hnswlib-node HNSW with cosine space, a label <-> chunk id
// map, capacity that doubles when full, deleted slots reused, and every
// operation serialized (writeIndex runs off-thread and must not race a mutation).
// Saved atomically beside a sidecar meta (dim, space, count, sha256 checksum);
// `load` verifies the checksum before handing bytes to the native reader.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';
import { commitTemp, readIfExists, sha256, tempPathFor, writeFileAtomic } from './files.js';
import { createSerialQueue } from './serial.js';

export const INDEX_FILE = 'hnsw.bin';
export const META_FILE = 'hnsw.meta.json';

export interface VectorIndexParams {
  embedder: { name: string; dimension: number };
  m: number;
  efConstruction: number;
  initialCapacity: number;
}

const metaSchema = z.object({
  format: z.literal(1),
  dim: z.number().int().positive(),
  space: z.literal('cosine'),
  count: z.number().int().min(0),
  elements: z.number().int().min(0),
  capacity: z.number().int().positive(),
  checksum: z.string().length(64),
  embedder: z.object({ name: z.string(), dimension: z.number().int() }),
  m: z.number().int(),
  efConstruction: z.number().int(),
  nextLabel: z.number().int().min(0),
  labels: z.array(z.tuple([z.number().int().min(0), z.string()])),
});
export type VectorIndexMeta = z.infer<typeof metaSchema>;

export type LoadResult = { ok: true; index: VectorIndex } | { ok: false; problem: string };

export interface VectorHit {
  chunkId: string;
  similarity: number;
}

export class VectorIndex {
  private readonly queue = createSerialQueue();
  private readonly labelToId = new Map<number, string>();
  private readonly idToLabel = new Map<string, number>();
  private elements = 0;
  private nextLabel = 0;

  private constructor(
    private readonly native: hnswlib.HierarchicalNSW,
    readonly params: VectorIndexParams,
  ) {}

  static create(params: VectorIndexParams): VectorIndex {
    const native = new hnswlib.HierarchicalNSW('cosine', params.embedder.dimension);
    native.initIndex({
      maxElements: params.initialCapacity,
      m: params.m,
      efConstruction: params.efConstruction,
      randomSeed: 100,
      allowReplaceDeleted: true,
    });
    return new VectorIndex(native, params);
  }

  /** Opens a saved index, or says (in words for the user) why it cannot be used. */
  static async load(dir: string, params: VectorIndexParams): Promise<LoadResult> {
    const metaBytes = await readIfExists(join(dir, META_FILE));
    const bytes = await readIfExists(join(dir, INDEX_FILE));
    if (metaBytes === null || bytes === null) return { ok: false, problem: 'the vector index is missing' };
    let meta: VectorIndexMeta;
    try {
      meta = metaSchema.parse(JSON.parse(metaBytes.toString('utf8')));
    } catch {
      return { ok: false, problem: `the vector index metadata (${META_FILE}) is unreadable` };
    }
    const want = params.embedder;
    if (meta.embedder.name !== want.name || meta.embedder.dimension !== want.dimension) {
      return {
        ok: false,
        problem: `the vector index was built with embedder ${meta.embedder.name}/${meta.embedder.dimension}, but ${want.name}/${want.dimension} is configured`,
      };
    }
    if (meta.m !== params.m || meta.efConstruction !== params.efConstruction) {
      return {
        ok: false,
        problem: `hnsw parameters changed (m ${meta.m}->${params.m}, efConstruction ${meta.efConstruction}->${params.efConstruction})`,
      };
    }
    if (sha256(bytes) !== meta.checksum) return { ok: false, problem: `the vector index (${INDEX_FILE}) is corrupt: checksum mismatch` };
    const native = new hnswlib.HierarchicalNSW('cosine', meta.dim);
    try {
      await native.readIndex(join(dir, INDEX_FILE), true);
    } catch (error) {
      return { ok: false, problem: `the vector index could not be read: ${(error as Error).message}` };
    }
    if (native.getNumDimensions() !== meta.dim || native.getCurrentCount() !== meta.elements || meta.labels.length !== meta.count) {
      return { ok: false, problem: 'the vector index does not match its metadata' };
    }
    const index = new VectorIndex(native, params);
    for (const [label, id] of meta.labels) {
      index.labelToId.set(label, id);
      index.idToLabel.set(id, label);
    }
    index.elements = meta.elements;
    index.nextLabel = meta.nextLabel;
    return { ok: true, index };
  }

  get count(): number {
    return this.idToLabel.size;
  }

  get capacity(): number {
    return this.native.getMaxElements();
  }

  has(chunkId: string): boolean {
    return this.idToLabel.has(chunkId);
  }

  chunkIds(): string[] {
    return [...this.idToLabel.keys()];
  }

  /** Adds (or replaces) the vector for a chunk. */
  add(chunkId: string, vector: readonly number[]): Promise<void> {
    return this.queue.run(() => {
      this.removeNow(chunkId);
      const reuse = this.elements > this.count;
      if (!reuse && this.elements + 1 > this.native.getMaxElements()) {
        this.native.resizeIndex(Math.max(16, this.native.getMaxElements() * 2));
      }
      const label = this.nextLabel++;
      this.native.addPoint(vector as number[], label, true);
      if (!reuse) this.elements++;
      this.labelToId.set(label, chunkId);
      this.idToLabel.set(chunkId, label);
    });
  }

  /** Marks a chunk's vector deleted; its slot is reused by a later add. */
  remove(chunkId: string): Promise<boolean> {
    return this.queue.run(() => this.removeNow(chunkId));
  }

  private removeNow(chunkId: string): boolean {
    const label = this.idToLabel.get(chunkId);
    if (label === undefined) return false;
    this.native.markDelete(label);
    this.idToLabel.delete(chunkId);
    this.labelToId.delete(label);
    return true;
  }

  search(vector: readonly number[], k: number, ef: number): Promise<VectorHit[]> {
    return this.queue.run(() => {
      const want = Math.min(k, this.count);
      if (want <= 0) return [];
      this.native.setEf(Math.max(ef, want));
      const { neighbors, distances } = this.native.searchKnn(vector as number[], want);
      return neighbors.flatMap((label, i) => {
        const chunkId = this.labelToId.get(label);
        return chunkId === undefined ? [] : [{ chunkId, similarity: 1 - (distances[i] ?? 1) }];
      });
    });
  }

  /** Writes index then meta, each via temp file + rename. A crash in between leaves a checksum mismatch, so the next load rebuilds. */
  save(dir: string): Promise<void> {
    return this.queue.run(async () => {
      const target = join(dir, INDEX_FILE);
      const temp = tempPathFor(target);
      try {
        await this.native.writeIndex(temp);
        const checksum = sha256(await readFile(temp));
        await commitTemp(temp, target);
        const meta: VectorIndexMeta = {
          format: 1,
          dim: this.params.embedder.dimension,
          space: 'cosine',
          count: this.count,
          elements: this.elements,
          capacity: this.native.getMaxElements(),
          checksum,
          embedder: this.params.embedder,
          m: this.params.m,
          efConstruction: this.params.efConstruction,
          nextLabel: this.nextLabel,
          labels: [...this.labelToId],
        };
        await writeFileAtomic(join(dir, META_FILE), JSON.stringify(meta));
      } finally {
        await rm(temp, { force: true });
      }
    });
  }
}

// The chunk store: every ingested file with its hash and chunks, saved as
// `documents.jsonl` (a header line, then one document per line) via temp + rename.
// It is the source the BM25 index and, after damage, the vector index are rebuilt from.
import { join } from 'node:path';
import { z } from 'zod';
import { readIfExists, writeFileAtomic } from './files.js';
import type { Chunk, StoredDocument } from './types.js';

export const STORE_FILE = 'documents.jsonl';

const headerSchema = z.object({ format: z.literal(1), chunker: z.string() });
const chunkSchema = z.object({
  id: z.string(),
  path: z.string(),
  startLine: z.number().int().min(1),
  endLine: z.number().int().min(1),
  kind: z.enum(['markdown', 'code', 'text', 'lines']),
  heading: z.array(z.string()),
  text: z.string(),
  contentHash: z.string(),
});
const documentSchema = z.object({ path: z.string(), hash: z.string(), size: z.number().int().min(0), chunks: z.array(chunkSchema) });

export interface StoreLoad {
  store: ChunkStore;
  /** Chunking settings differ from the ones the stored chunks were made with. */
  chunkerChanged: boolean;
  problem: string | null;
}

export class ChunkStore {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly chunks = new Map<string, Chunk>();

  constructor(readonly chunkerKey: string) {}

  static async load(dir: string, chunkerKey: string): Promise<StoreLoad> {
    const store = new ChunkStore(chunkerKey);
    const bytes = await readIfExists(join(dir, STORE_FILE));
    if (bytes === null) return { store, chunkerChanged: false, problem: null };
    try {
      const lines = bytes
        .toString('utf8')
        .split('\n')
        .filter((line) => line.length > 0);
      const header = headerSchema.parse(JSON.parse(lines[0] ?? 'null'));
      for (const line of lines.slice(1)) store.put(documentSchema.parse(JSON.parse(line)));
      return { store, chunkerChanged: header.chunker !== chunkerKey, problem: null };
    } catch {
      return {
        store: new ChunkStore(chunkerKey),
        chunkerChanged: false,
        problem: `the chunk store (${STORE_FILE}) is damaged; every file will be ingested again`,
      };
    }
  }

  get documentCount(): number {
    return this.documents.size;
  }

  get chunkCount(): number {
    return this.chunks.size;
  }

  get(path: string): StoredDocument | undefined {
    return this.documents.get(path);
  }

  chunk(id: string): Chunk | undefined {
    return this.chunks.get(id);
  }

  paths(): string[] {
    return [...this.documents.keys()];
  }

  allChunks(): Chunk[] {
    return [...this.chunks.values()];
  }

  put(document: StoredDocument): void {
    this.delete(document.path);
    this.documents.set(document.path, document);
    for (const chunk of document.chunks) this.chunks.set(chunk.id, chunk);
  }

  delete(path: string): StoredDocument | undefined {
    const existing = this.documents.get(path);
    if (!existing) return undefined;
    for (const chunk of existing.chunks) this.chunks.delete(chunk.id);
    this.documents.delete(path);
    return existing;
  }

  async save(dir: string): Promise<void> {
    const lines = [JSON.stringify({ format: 1, chunker: this.chunkerKey })];
    const sorted = [...this.documents.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const document of sorted) lines.push(JSON.stringify(document));
    await writeFileAtomic(join(dir, STORE_FILE), `${lines.join('\n')}\n`);
  }
}

/** Temp projects on disk and a counting embedder for the retrieval tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createHashEmbedder, type Embedder } from '../../src/retrieval/index.js';

export async function tempDir(t: TestContext, prefix = 'crucible-retrieval-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (path → content) under a new temp directory and returns it. */
export { tempProject, writeFiles } from '../../support/helpers/temp.js';

export interface CountingEmbedder extends Embedder {
  /** Every text embedded so far, in order. */
  readonly texts: string[];
  reset(): void;
}

/** The hash embedder, recording what it was asked to embed. */
export function countingEmbedder(dimension = 64, name?: string): CountingEmbedder {
  const inner = createHashEmbedder(dimension);
  const texts: string[] = [];
  return {
    name: name ?? inner.name,
    dimension,
    batchSize: 8,
    texts,
    reset: () => void texts.splice(0),
    async embed(batch, signal) {
      texts.push(...batch);
      return inner.embed(batch, signal);
    },
  };
}

export const lines = (...items: string[]): string => `${items.join('\n')}\n`;

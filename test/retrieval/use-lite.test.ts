/**
 * The one place the real USE-lite model runs (a few seconds): it loads offline
 * from the npm package and ranks a related sentence above an unrelated one. The
 * default ranking is lexical (see library-docs.test.ts for its quality checks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmbedder, type Embedder } from '../../src/retrieval/index.js';
import { cosine } from '../../src/retrieval/embedders/types.js';

let model: Promise<Embedder | null> | undefined;
const useLite = async (): Promise<Embedder> => {
  const embedder = await (model ??= createEmbedder({ kind: 'use-lite', batchSize: 16 }));
  assert.ok(embedder);
  return embedder;
};

test('use-lite loads offline and ranks a related sentence above an unrelated one', async () => {
  const embedder = await useLite();
  assert.equal(embedder.name, 'use-lite-t40');
  assert.equal(embedder.dimension, 512);
  const [query, related, unrelated] = await embedder.embed([
    'How do I retry a failed job?',
    'Failed jobs are retried with exponential backoff.',
    'The cathedral was built in the twelfth century.',
  ]);
  assert.equal(query?.length, 512);
  assert.ok(cosine(query ?? [], related ?? []) > cosine(query ?? [], unrelated ?? []) + 0.1);
});

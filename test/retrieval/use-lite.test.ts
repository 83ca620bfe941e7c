/**
 * The one place the real USE-lite model runs (a few seconds): it loads offline
 * from the npm package, ranks a related sentence above an unrelated one, and the
 * default ranking built on it never scores below pure BM25 on the quality set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createEmbedder, type Embedder } from '../../src/retrieval/index.js';
import { cosine } from '../../src/retrieval/embedders/types.js';
import { evaluateVariants } from '../../support/retrieval/quality-set.js';
import { tempDir } from './helpers.js';

let model: Promise<Embedder | null> | undefined;
const useLite = async (): Promise<Embedder> => {
  const embedder = await (model ??= createEmbedder({ kind: 'use-lite', batchSize: 16 }));
  assert.ok(embedder);
  return embedder;
};

test('use-lite loads offline and ranks a related sentence above an unrelated one', async () => {
  const embedder = await useLite();
  assert.equal(embedder.name, 'use-lite');
  assert.equal(embedder.dimension, 512);
  const [query, related, unrelated] = await embedder.embed([
    'How do I retry a failed job?',
    'Failed jobs are retried with exponential backoff.',
    'The cathedral was built in the twelfth century.',
  ]);
  assert.equal(query?.length, 512);
  assert.ok(cosine(query ?? [], related ?? []) > cosine(query ?? [], unrelated ?? []) + 0.1);
});

test('the default ranking (use-lite re-ranking BM25 candidates) is never below pure BM25 on the quality set', async (t) => {
  const scores = await evaluateVariants(join(await tempDir(t), 'index'), await useLite(), [
    { name: 'lexical', mode: 'lexical' },
    { name: 'default', mode: 'hybrid' },
  ]);
  const lexical = scores.lexical;
  const hybrid = scores.default;
  assert.ok(lexical && hybrid);
  assert.ok(hybrid.recallAt1 >= lexical.recallAt1, `recall@1 ${hybrid.recallAt1} vs ${lexical.recallAt1}`);
  assert.ok(hybrid.recallAt5 >= lexical.recallAt5, `recall@5 ${hybrid.recallAt5} vs ${lexical.recallAt5}`);
  assert.ok(hybrid.mrrAt10 >= lexical.mrrAt10, `MRR ${hybrid.mrrAt10} vs ${lexical.mrrAt10}`);
});

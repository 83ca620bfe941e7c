/**
 * Ingest in two phases: `vectors: 'later'` returns once lexical search is ready,
 * `fillVectors()` embeds behind it, and an interrupted fill resumes from the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openRetrieval, type Embedder, type IngestProgress } from '../../src/retrieval/index.js';
import { countingEmbedder, lines, tempDir, tempProject } from './helpers.js';

const sections = (n: number): string =>
  lines(...Array.from({ length: n }, (_, i) => [`## Topic ${i}`, `Paragraph about subject number ${i}.`, '']).flat());

async function project(t: import('node:test').TestContext, files: Record<string, string>) {
  const root = await tempProject(t, files);
  const indexDir = join(await tempDir(t), 'index');
  return (embedder: Embedder, onProgress?: (p: IngestProgress) => void) =>
    openRetrieval({ root, indexDir, embedder, ...(onProgress ? { onProgress } : {}) });
}

test('an ingest with vectors later is searchable lexically at once; the fill embeds behind it, once', async (t) => {
  const open = await project(t, {
    'retries.md': lines('# Retries', 'Failed jobs are retried with exponential backoff.'),
    'leases.md': lines('# Leases', 'Workers renew leases with heartbeats.'),
  });
  const embedder = countingEmbedder();
  const progress: IngestProgress[] = [];
  const retrieval = await open(embedder, (p) => progress.push(p));
  const summary = await retrieval.ingest({ vectors: 'later' });
  assert.equal(summary.vectors, 'pending');
  assert.equal(summary.chunksEmbedded, 0);
  assert.equal(embedder.texts.length, 0, 'nothing embedded before lexical search is ready');
  assert.equal((await retrieval.search('backoff', { mode: 'lexical' }))[0]?.path, 'retries.md');

  const filled = await retrieval.fillVectors();
  assert.deepEqual([filled.chunks, filled.embedded], [2, 2]);
  assert.ok(progress.some((p) => p.phase === 'embed' && p.done === 2 && (p.rate ?? 0) > 0));
  assert.ok(!progress.some((p) => p.message), 'a planned fill is not reported as a repair');
  assert.equal((await retrieval.search('heartbeats', { mode: 'dense', k: 1 }))[0]?.path, 'leases.md');
  assert.equal((await retrieval.fillVectors()).embedded, 0, 'nothing left to fill');

  const again = await (await open(embedder)).ingest();
  assert.deepEqual([again.vectors, again.chunksEmbedded, again.rebuilt], ['ready', 0, null], 'the filled index is in step');
});

test('an interrupted fill resumes from the embedding cache instead of starting over', async (t) => {
  const open = await project(t, { 'topics.md': sections(30) });
  const summary = await (await open(countingEmbedder())).ingest({ vectors: 'later' });
  assert.equal(summary.chunksTotal, 30);

  const failing = countingEmbedder();
  let calls = 0;
  const flaky: Embedder = {
    ...failing,
    embed: async (texts, signal) => {
      if (++calls > 2) throw new Error('embedding server went away');
      return failing.embed(texts, signal);
    },
  };
  await assert.rejects((await open(flaky)).fillVectors(), /went away/);
  assert.equal(failing.texts.length, 16, 'two batches of 8 were embedded before the failure');

  const resumed = countingEmbedder();
  const filled = await (await open(resumed)).fillVectors();
  assert.deepEqual([filled.chunks, filled.embedded], [30, 14], 'only the 14 texts the cache lacked');
});

test('a fill with several calls in flight stores each vector under its own text, whatever order the calls end in', async (t) => {
  const open = await project(t, { 'topics.md': sections(40) });
  await (await open(countingEmbedder(512))).ingest({ vectors: 'later' });
  const inner = countingEmbedder(512); // wide enough that each topic's number has a bucket of its own
  let calls = 0;
  let running = 0;
  let mostRunning = 0;
  // Later calls end first: a batch stored under the wrong texts would show in the vectors compared below.
  const reordering: Embedder = {
    ...inner,
    concurrency: 3,
    embed: async (texts, signal) => {
      const delay = 30 - 10 * (calls++ % 3);
      mostRunning = Math.max(mostRunning, ++running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return inner.embed(texts, signal);
    },
  };
  const retrieval = await open(reordering);
  const filled = await retrieval.fillVectors();
  assert.deepEqual([filled.chunks, filled.embedded], [40, 40]);
  assert.equal(mostRunning, 3, 'three calls were in flight at once');
  for (const i of [10, 17, 39]) {
    const [hit] = await retrieval.search(`Paragraph about subject number ${i}.`, { mode: 'dense', k: 1 });
    assert.deepEqual(hit?.heading, [`Topic ${i}`], `topic ${i} found by its own vector`);
  }

  const failing: Embedder = { ...reordering, embed: async () => Promise.reject(new Error('server down')) };
  const other = await project(t, { 'topics.md': sections(40) });
  await (await other(countingEmbedder(512))).ingest({ vectors: 'later' });
  await assert.rejects((await other(failing)).fillVectors(), /server down/);
});

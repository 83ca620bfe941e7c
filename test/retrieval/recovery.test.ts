import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_FILE, META_FILE } from '../../src/retrieval/hnsw-index.js';
import { STORE_FILE } from '../../src/retrieval/chunk-store.js';
import { openRetrieval, type IngestProgress } from '../../src/retrieval/index.js';
import { countingEmbedder, lines, tempDir, tempProject } from './helpers.js';

async function ingested(t: import('node:test').TestContext) {
  const root = await tempProject(t, {
    'retries.md': lines('# Retries', 'Failed jobs are retried with exponential backoff.'),
    'leases.md': lines('# Leases', 'Workers renew leases with a heartbeat.'),
    'scheduling.md': lines('# Scheduling', 'Cron expressions with time zones.'),
  });
  const indexDir = join(await tempDir(t), 'index');
  const embedder = countingEmbedder();
  await (await openRetrieval({ root, indexDir, embedder })).ingest();
  embedder.reset();
  const messages: string[] = [];
  const reopen = (config = {}, withEmbedder = true) =>
    openRetrieval({
      root,
      indexDir,
      config,
      ...(withEmbedder ? { embedder } : {}),
      onProgress: (p: IngestProgress) => void (p.message && messages.push(p.message)),
    });
  return { root, indexDir, embedder, messages, reopen };
}

test('a corrupt index file is rebuilt from the chunk store and cache, with a message, on search', async (t) => {
  const { indexDir, embedder, messages, reopen } = await ingested(t);
  const bytes = await readFile(join(indexDir, INDEX_FILE));
  await writeFile(join(indexDir, INDEX_FILE), Buffer.concat([bytes.subarray(0, 64), Buffer.from('garbage garbage garbage')]));
  const retrieval = await reopen();
  const hits = await retrieval.search('heartbeat', { mode: 'dense', k: 1 });
  assert.equal(hits[0]?.path, 'leases.md');
  assert.match(
    messages.join('\n'),
    /vector index \(hnsw\.bin\) is corrupt: checksum mismatch; rebuilding it from the chunk store \(3 chunks\)/,
  );
  assert.deepEqual(retrieval.notices, messages);
  assert.equal(embedder.texts.length, 1, 'only the query was embedded: chunk vectors came from the cache');
  const summary = await (await reopen()).ingest();
  assert.equal(summary.rebuilt, null, 'the rebuilt index was saved');
});

test('a missing index or meta file is rebuilt during ingest and reported in the summary', async (t) => {
  const { indexDir, reopen } = await ingested(t);
  await rm(join(indexDir, META_FILE));
  const summary = await (await reopen()).ingest();
  assert.equal(summary.rebuilt, 'the vector index is missing');
  assert.equal(summary.chunksEmbedded, 0);
  await rm(join(indexDir, INDEX_FILE));
  assert.equal((await (await reopen()).ingest()).rebuilt, 'the vector index is missing');
});

test('an embedder mismatch is detected and the index rebuilt with the configured embedder', async (t) => {
  const { root, indexDir, messages } = await ingested(t);
  const other = countingEmbedder(32, 'other-model');
  const retrieval = await openRetrieval({
    root,
    indexDir,
    embedder: other,
    onProgress: (p) => void (p.message && messages.push(p.message)),
  });
  const summary = await retrieval.ingest();
  assert.match(summary.rebuilt ?? '', /built with embedder hash-v2\/64, but other-model\/32 is configured/);
  assert.equal(summary.chunksEmbedded, 3, 'every chunk re-embedded with the new model');
  assert.match(messages.join('\n'), /rebuilding it from the chunk store/);
  const meta = JSON.parse(await readFile(join(indexDir, META_FILE), 'utf8')) as { embedder: unknown; dim: number };
  assert.deepEqual(meta.embedder, { name: 'other-model', dimension: 32 });
  assert.equal(meta.dim, 32);
  assert.equal((await retrieval.search('cron time zones', { mode: 'dense', k: 1 }))[0]?.path, 'scheduling.md');
});

test('a configured embedder change (hash 64 -> hash 128 via config) is a mismatch too', async (t) => {
  const { reopen } = await ingested(t);
  const summary = await (await reopen({ embedder: { kind: 'hash', dimension: 128 } }, false)).ingest();
  assert.match(summary.rebuilt ?? '', /hash-v2\/64, but hash-v2\/128/);
});

test('a damaged chunk store means a full re-ingest, not a crash', async (t) => {
  const { indexDir, reopen, messages } = await ingested(t);
  await writeFile(join(indexDir, STORE_FILE), '{"format":1,"chunker":"v1"}\n{not json\n');
  const retrieval = await reopen();
  assert.match(messages.join('\n'), /chunk store \(documents\.jsonl\) is damaged/);
  const summary = await retrieval.ingest();
  assert.equal(summary.filesAdded, 3);
  assert.equal(summary.chunksEmbedded, 0, 'vectors still come from the cache');
  assert.equal((await retrieval.search('backoff'))[0]?.path, 'retries.md');
});

test('changing chunk settings re-chunks every file on the next ingest', async (t) => {
  const { reopen } = await ingested(t);
  const summary = await (await reopen({ chunking: { maxLines: 30 } })).ingest();
  assert.equal(summary.filesChanged, 3);
  assert.equal(summary.chunksEmbedded, 0, 'same chunks, so the cache still serves them');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openRetrieval, type IngestProgress } from '../../src/retrieval/index.js';
import { countingEmbedder, lines, tempDir, tempProject } from './helpers.js';

const GUIDE = lines(
  '# Guide',
  'Intro to the queue.',
  '',
  '## Retries',
  'Retries use exponential backoff.',
  '',
  '## Leases',
  'Workers renew leases with heartbeats.',
);

async function setup(t: import('node:test').TestContext) {
  const root = await tempProject(t, {
    'docs/guide.md': GUIDE,
    'docs/ops.md': lines('# Operations', 'Health checks on /healthz.', '', '## Shutdown', 'SIGTERM drains running jobs.'),
    'src/backoff.ts': lines('export function computeBackoff(attempt: number): number {', '  return 2 ** attempt;', '}'),
    '.gitignore': 'ignored.md\n',
    'ignored.md': '# ignored\n',
  });
  const indexDir = join(await tempDir(t), 'index');
  const embedder = countingEmbedder();
  const progress: IngestProgress[] = [];
  const open = () => openRetrieval({ root, indexDir, embedder, onProgress: (p) => progress.push(p) });
  return { root, indexDir, embedder, progress, open };
}

test('first ingest embeds every chunk, reports each document, and shows progress', async (t) => {
  const { embedder, progress, open } = await setup(t);
  const retrieval = await open();
  const summary = await retrieval.ingest();
  assert.equal(summary.filesSeen, 4);
  assert.equal(summary.filesAdded, 4);
  assert.equal(summary.chunksTotal, 7);
  assert.equal(summary.chunksEmbedded, 7);
  assert.equal(embedder.texts.length, 7);
  assert.deepEqual(summary.embedder, { name: 'hash-v2', dimension: 64 });
  assert.deepEqual(
    summary.documents.map((d) => [d.path, d.chunks, d.status]),
    [
      ['.gitignore', 1, 'added'],
      ['docs/guide.md', 3, 'added'],
      ['docs/ops.md', 2, 'added'],
      ['src/backoff.ts', 1, 'added'],
    ],
  );
  assert.ok(summary.documents.every((d) => /^[0-9a-f]{64}$/.test(d.hash)));
  assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['discover', 'chunk', 'embed', 'index', 'save']);
  const embed = progress.filter((p) => p.phase === 'embed').at(-1);
  assert.equal(embed?.done, 7);
  assert.ok((embed?.rate ?? 0) > 0);
});

test('an unchanged tree embeds nothing, also after reopening from disk', async (t) => {
  const { embedder, open } = await setup(t);
  await (await open()).ingest();
  embedder.reset();
  const again = await (await open()).ingest();
  assert.equal(again.chunksEmbedded, 0);
  assert.equal(again.filesUnchanged, 4);
  assert.equal(again.rebuilt, null);
  assert.deepEqual(embedder.texts, []);
});

test('changing one file re-embeds only its changed chunks; deleting one removes it from results', async (t) => {
  const { root, embedder, open } = await setup(t);
  const retrieval = await open();
  await retrieval.ingest();
  embedder.reset();

  await writeFile(join(root, 'docs/guide.md'), GUIDE.replace('exponential backoff', 'capped exponential backoff with full jitter'));
  const changed = await retrieval.ingest();
  assert.equal(changed.filesChanged, 1);
  assert.equal(changed.filesUnchanged, 3);
  assert.equal(changed.chunksEmbedded, 1, 'only the Retries section changed');
  assert.equal(changed.chunksReused, 2, 'the other sections of the file came from the cache');
  assert.equal(embedder.texts.length, 1);
  assert.match(embedder.texts[0] ?? '', /full jitter/);
  assert.deepEqual(
    changed.documents.filter((d) => d.status !== 'unchanged').map((d) => [d.path, d.status]),
    [['docs/guide.md', 'updated']],
  );
  const jitter = await retrieval.search('full jitter', { k: 3 });
  assert.equal(jitter[0]?.citation, 'docs/guide.md:4-5');

  assert.equal((await retrieval.search('SIGTERM drains', { k: 3 }))[0]?.path, 'docs/ops.md');
  await rm(join(root, 'docs/ops.md'));
  embedder.reset();
  const removed = await retrieval.ingest();
  assert.equal(removed.filesRemoved, 1);
  assert.equal(removed.chunksEmbedded, 0);
  assert.deepEqual(
    removed.documents.filter((d) => d.status === 'removed').map((d) => [d.path, d.chunks]),
    [['docs/ops.md', 2]],
  );
  for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
    const hits = await retrieval.search('SIGTERM drains running jobs health checks', { k: 10, mode });
    assert.ok(!hits.some((hit) => hit.path === 'docs/ops.md'), `${mode} no longer finds the deleted file`);
  }
  const reopened = await open();
  assert.ok(!(await reopened.search('SIGTERM', { mode: 'dense', k: 10 })).some((hit) => hit.path === 'docs/ops.md'));
  assert.deepEqual(reopened.stats(), { documents: 3, chunks: 5 });
});

test('ingesting some paths only touches those paths, and paths outside the root are refused', async (t) => {
  const { root, open } = await setup(t);
  const retrieval = await open();
  const docs = await retrieval.ingest({ paths: ['docs'] });
  assert.deepEqual(
    docs.documents.map((d) => d.path),
    ['docs/guide.md', 'docs/ops.md'],
  );
  const src = await retrieval.ingest({ paths: [join(root, 'src')] });
  assert.equal(src.filesRemoved, 0, 'documents outside the given paths are not removed');
  assert.equal(src.chunksTotal, 6);
  await assert.rejects(retrieval.ingest({ paths: ['../elsewhere'] }), /outside the project root/);
});

test('the lexical-only embedder "none" ingests without vectors and searches lexically', async (t) => {
  const root = await tempProject(t, { 'a.md': lines('# Alpha', 'retry policy'), 'b.md': lines('# Beta', 'lease heartbeat') });
  const retrieval = await openRetrieval({ root, indexDir: join(await tempDir(t), 'index'), config: { embedder: { kind: 'none' } } });
  const summary = await retrieval.ingest();
  assert.equal(summary.embedder, null);
  assert.equal(summary.chunksEmbedded, 0);
  assert.equal((await retrieval.search('heartbeat'))[0]?.path, 'b.md');
  await assert.rejects(retrieval.search('heartbeat', { mode: 'dense' }), /dense search needs an embedder/);
});

test('a root that is not a directory is a usage error', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(openRetrieval({ root: join(dir, 'nope') }), /project root .*nope is not a directory/);
});

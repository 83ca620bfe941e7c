import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { runningFill } from '../../src/retrieval/index.js';

interface Ingest {
  files: number;
  chunks: number;
  embedded: number;
  removed: number;
  vectors: 'ready' | 'pending' | 'none';
  lexical: { ms: number; chunksPerSecond: number };
  fill: { embedded: number; chunks: number } | null;
  background: { pid: number; started: boolean } | null;
}

test('ingest records documents in the record, re-embeds only what changed, and search cites path:lines', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'docs'));
    await writeFile(
      join(dir, 'docs/retries.md'),
      '# Retries\n\nFailed jobs are retried with exponential backoff.\n\n## Limits\n\nAt most five attempts.\n',
    );
    await writeFile(join(dir, 'docs/queue.md'), '# Queue\n\nJobs wait in a FIFO queue.\n');
    const first = await cliJson<Ingest>(dir, 'ingest', '--embedder', 'hash', '--wait');
    assert.equal(first.files, 2);
    assert.ok(first.embedded > 0);
    const again = await cliJson<Ingest>(dir, 'ingest', '--embedder', 'hash', '--wait');
    assert.equal(again.embedded, 0, 'nothing changed, nothing embedded');
    const hits = await cliJson<{ citation: string; path: string; startLine: number }[]>(
      dir,
      'search',
      'how many attempts are retried',
      '-k',
      '2',
      '--mode',
      'lexical',
    );
    assert.equal(hits[0]?.path, 'docs/retries.md');
    assert.match(hits[0]?.citation ?? '', /^docs\/retries\.md:\d+-\d+$/);
    await rm(join(dir, 'docs/queue.md'));
    assert.equal((await cliJson<Ingest>(dir, 'ingest', '--embedder', 'hash', '--wait')).removed, 1);
    const status = await cliJson<{ documents: number }>(dir, 'status');
    assert.equal(status.documents, 1, 'the removed document left the record');
    const empty = await cli(dir, 'search', '   ');
    assert.equal(empty.code, 2);
  } finally {
    await cleanup();
  }
});

test('ingest returns once lexical search is ready and a background process fills the vectors in', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await writeFile(join(dir, 'retries.md'), '# Retries\n\nFailed jobs are retried with exponential backoff.\n');
    await writeFile(join(dir, 'queue.md'), '# Queue\n\nJobs wait in a FIFO queue.\n');
    const first = await cliJson<Ingest>(dir, 'ingest', '--embedder', 'hash');
    assert.deepEqual([first.vectors, first.embedded, first.background?.started], ['pending', 0, true]);
    assert.ok(first.lexical.chunksPerSecond > 0);
    const hits = await cliJson<{ path: string }[]>(dir, 'search', 'backoff', '-k', '1');
    assert.equal(hits[0]?.path, 'retries.md', 'lexical search works before any vector exists');
    const indexDir = join(dir, '.crucible', 'index');
    for (let i = 0; i < 600 && (await runningFill(indexDir)) !== null; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await runningFill(indexDir), null, 'the background filler finished');
    const waited = await cliJson<Ingest>(dir, 'ingest', '--embedder', 'hash', '--wait');
    assert.deepEqual([waited.vectors, waited.fill?.embedded, waited.fill?.chunks], ['ready', 0, 2], 'the background filled every vector');
  } finally {
    await cleanup();
  }
});

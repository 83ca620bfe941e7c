import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { citation, openRetrieval, type RetrievalConfigInput } from '../../src/retrieval/index.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { countingEmbedder, lines, tempDir, tempProject } from './helpers.js';
import { topicEmbedder } from './topic-embedder.js';

const FIXTURE = {
  'nightly.md': lines('# Nightly schedule', 'The nightly schedule runs at 2am and sends the report.'),
  'pausing.md': lines('# Pausing', 'Use pause to halt a schedule without deleting it.'),
  'billing.md': lines('# Billing', 'Invoices are charged monthly.'),
  'listing.md': lines('# Schedules', 'List every schedule with its next run time.'),
};
const QUERY = 'suspend the nightly schedule';

async function fixture(t: import('node:test').TestContext, config: RetrievalConfigInput = {}) {
  const root = await tempProject(t, FIXTURE);
  const retrieval = await openRetrieval({ root, indexDir: join(await tempDir(t), 'index'), embedder: topicEmbedder(), config });
  await retrieval.ingest();
  const order = async (mode: 'lexical' | 'dense' | 'hybrid') => (await retrieval.search(QUERY, { mode, k: 10 })).map((hit) => hit.path);
  return { retrieval, order };
}

test('hybrid ranking order on a fixture: dense re-ranking lifts the synonym match among lexical candidates only', async (t) => {
  const { order } = await fixture(t);
  assert.deepEqual(await order('lexical'), ['nightly.md', 'listing.md', 'pausing.md']);
  assert.deepEqual(await order('dense'), ['nightly.md', 'pausing.md', 'listing.md', 'billing.md']);
  assert.deepEqual(
    await order('hybrid'),
    ['nightly.md', 'pausing.md', 'listing.md'],
    '"suspend" ~ "pause" moves pausing.md up; billing.md is never a lexical candidate',
  );
});

test('hybrid ranking order with weighted RRF fuses both lists (ties go to the better lexical rank)', async (t) => {
  const { order, retrieval } = await fixture(t, { ranking: { fusion: 'rrf', denseWeight: 1 } });
  assert.deepEqual(await order('hybrid'), ['nightly.md', 'listing.md', 'pausing.md', 'billing.md']);
  const [top] = await retrieval.search(QUERY, { k: 1, mode: 'hybrid' });
  assert.equal(top?.lexicalRank, 1);
  assert.equal(top?.denseRank, 1);
  assert.ok(Math.abs((top?.score ?? 0) - 2 / 61) < 1e-12);
});

test('hits cite path:start-end and carry the lines that matched', async (t) => {
  const root = await tempProject(t, {
    'docs/ops.md': lines(
      '# Operations',
      '',
      '## Shutdown',
      'On SIGTERM a worker stops claiming jobs.',
      'It waits for running jobs.',
      'Then it releases leases.',
      'A second SIGTERM exits at once.',
      'Set the grace period above the drain timeout.',
    ),
  });
  const retrieval = await openRetrieval({ root, indexDir: join(await tempDir(t), 'index'), embedder: countingEmbedder() });
  await retrieval.ingest();
  const [hit] = await retrieval.search('grace period drain timeout', { k: 1 });
  assert.equal(hit?.citation, 'docs/ops.md:3-8');
  assert.deepEqual([hit?.path, hit?.startLine, hit?.endLine], ['docs/ops.md', 3, 8]);
  assert.deepEqual(hit?.heading, ['Operations', 'Shutdown']);
  assert.equal(hit?.snippetStartLine, 6);
  assert.equal(hit?.snippet, 'Then it releases leases.\nA second SIGTERM exits at once.\nSet the grace period above the drain timeout.');
  assert.equal(citation('a.ts', 4, 4), 'a.ts:4');
  const docs = await retrieval.searchDocs('SIGTERM', 2);
  assert.match(docs.text, /^\[1\] docs\/ops\.md:3-8 \(\d\.\d{3}\) — Operations > Shutdown\n {4}/);
});

test('bad queries are usage errors with a clear message', async (t) => {
  const { retrieval } = await fixture(t);
  const rejects = async (query: unknown, options: { k?: number }, pattern: RegExp) =>
    assert.rejects(retrieval.search(query as string, options), (error: unknown) => {
      assert.ok(error instanceof CrucibleError, 'a CrucibleError');
      assert.equal(error.kind, 'usage');
      assert.match(error.oneLine(), pattern);
      return true;
    });
  await rejects('', {}, /search query is empty \(fix: pass the words to look for/);
  await rejects('  \n\t ', {}, /search query is empty/);
  await rejects('x'.repeat(2001), {}, /search query is 2001 characters; the limit is 2000/);
  await rejects(42, {}, /search query must be text, got number/);
  await rejects('schedule', { k: 0 }, /-k must be a whole number from 1 to 200, got 0/);
  await rejects('schedule', { k: 2.5 }, /got 2\.5/);
  assert.equal((await retrieval.search(`  ${'schedule '.repeat(200)}  `, { k: 1 })).length, 1, 'long but within the limit is fine');
  assert.deepEqual(await retrieval.search('zebra', { mode: 'lexical' }), []);
});

test('an index with nothing ingested answers with no hits', async (t) => {
  const root = await tempProject(t, {});
  const retrieval = await openRetrieval({ root, indexDir: join(await tempDir(t), 'index'), embedder: countingEmbedder() });
  assert.deepEqual(await retrieval.search('anything'), []);
});

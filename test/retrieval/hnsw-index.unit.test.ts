import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_FILE, META_FILE, VectorIndex, type VectorIndexParams } from '../../src/retrieval/hnsw-index.js';
import { tempDir } from './helpers.js';

const DIM = 8;
const params = (overrides: Partial<VectorIndexParams> = {}): VectorIndexParams => ({
  embedder: { name: 'test', dimension: DIM },
  m: 8,
  efConstruction: 50,
  initialCapacity: 4,
  ...overrides,
});
/** A unit vector pointing mostly along axis `i`. */
const axis = (i: number, tilt = 0.05): number[] => Array.from({ length: DIM }, (_, j) => (j === i % DIM ? 1 : tilt * ((j + i) % 3)));

test('grows past its initial capacity, finds nearest neighbours, and reuses deleted slots', async () => {
  const index = VectorIndex.create(params());
  for (let i = 0; i < 8; i++) await index.add(`c${i}`, axis(i, 0.01 * (i + 1)));
  assert.equal(index.count, 8);
  assert.ok(index.capacity >= 8);
  const [best] = await index.search(axis(3, 0.04), 3, 50);
  assert.equal(best?.chunkId, 'c3');
  assert.ok((best?.similarity ?? 0) > 0.99);

  assert.equal(await index.remove('c3'), true);
  assert.equal(await index.remove('c3'), false);
  assert.ok(!(await index.search(axis(3), 8, 50)).some((hit) => hit.chunkId === 'c3'));
  const capacity = index.capacity;
  await index.add('c3b', axis(3));
  assert.equal(index.capacity, capacity, 'the deleted slot was reused');
  assert.equal((await index.search(axis(3), 1, 50))[0]?.chunkId, 'c3b');
  await index.add('c3b', axis(5));
  assert.equal(index.count, 8, 'adding an existing id replaces its vector');
});

test('an empty index answers with no hits', async () => {
  const index = VectorIndex.create(params());
  assert.deepEqual(await index.search(axis(0), 5, 10), []);
});

test('save writes the index and a sidecar meta with dim, space, count and checksum; load restores it', async (t) => {
  const dir = await tempDir(t);
  const index = VectorIndex.create(params());
  for (let i = 0; i < 6; i++) await index.add(`c${i}`, axis(i));
  await index.remove('c5');
  await index.save(dir);
  const meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as Record<string, unknown>;
  assert.equal(meta.dim, DIM);
  assert.equal(meta.space, 'cosine');
  assert.equal(meta.count, 5);
  assert.match(String(meta.checksum), /^[0-9a-f]{64}$/);

  const loaded = await VectorIndex.load(dir, params());
  assert.ok(loaded.ok);
  assert.equal(loaded.index.count, 5);
  assert.equal((await loaded.index.search(axis(2), 1, 50))[0]?.chunkId, 'c2');
  await loaded.index.add('c6', axis(6));
  assert.equal((await loaded.index.search(axis(6), 1, 50))[0]?.chunkId, 'c6');
});

test('load refuses a corrupt, truncated, missing or mismatched index with a reason instead of crashing', async (t) => {
  const dir = await tempDir(t);
  const index = VectorIndex.create(params());
  for (let i = 0; i < 4; i++) await index.add(`c${i}`, axis(i));
  await index.save(dir);
  const problem = async (p = params()) => {
    const result = await VectorIndex.load(dir, p);
    return result.ok ? 'ok' : result.problem;
  };
  assert.equal(await problem(), 'ok');
  assert.match(
    await problem(params({ embedder: { name: 'other', dimension: DIM } })),
    /built with embedder test\/8, but other\/8 is configured/,
  );
  assert.match(await problem(params({ m: 12 })), /hnsw parameters changed/);

  const original = await readFile(join(dir, INDEX_FILE));
  const flipped = Buffer.from(original);
  flipped[100] = (flipped[100] ?? 0) ^ 0xff;
  await writeFile(join(dir, INDEX_FILE), flipped);
  assert.match(await problem(), /corrupt: checksum mismatch/);
  await truncate(join(dir, INDEX_FILE), 10);
  assert.match(await problem(), /corrupt/);
  await writeFile(join(dir, INDEX_FILE), original);
  await writeFile(join(dir, META_FILE), '{"format":1,');
  assert.match(await problem(), /metadata .* unreadable/);
  const empty = await tempDir(t);
  const missing = await VectorIndex.load(empty, params());
  assert.ok(!missing.ok && /missing/.test(missing.problem));
});

test('operations are serialized: adds issued during a save land after it, and the saved file is consistent', async (t) => {
  const dir = await tempDir(t);
  const index = VectorIndex.create(params({ initialCapacity: 2 }));
  const pending: Array<Promise<unknown>> = [];
  for (let i = 0; i < 20; i++) pending.push(index.add(`c${i}`, axis(i, 0.01 * i)));
  pending.push(index.save(dir));
  for (let i = 20; i < 30; i++) pending.push(index.add(`c${i}`, axis(i, 0.01 * i)));
  await Promise.all(pending);
  const loaded = await VectorIndex.load(dir, params({ initialCapacity: 2 }));
  assert.ok(loaded.ok);
  assert.equal(loaded.index.count, 20);
  assert.equal(index.count, 30);
});

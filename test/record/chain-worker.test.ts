// Replay of a log longer than a page follows the hash chain on a worker thread (replay-scan.ts): the
// worker must agree with chain.ts byte for byte (non-ASCII text included), and anything it cannot vouch
// for sends replay the careful way, which names the damage as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../../support/helpers/temp.js';
import { chainNextText, GENESIS_HASH } from '../../src/record/chain.js';
import { ChainWorker } from '../../src/record/chain-worker.js';
import type { EventDraft } from '../../src/record/events.js';
import { scanTrustedLog } from '../../src/record/replay-scan.js';

const key = (seq: number) => String(seq).padStart(16, '0');

/** Stored texts as the LevelDB log keeps them, and the chain's last hash. */
function chained(bodies: string[]): { texts: string[]; hash: string } {
  let hash = GENESIS_HASH;
  const texts = bodies.map((body) => {
    hash = chainNextText(hash, body);
    return `${body.slice(0, -1)},"hash":"${hash}"}`;
  });
  return { texts, hash };
}

test('the chain worker agrees with chain.ts over pages of texts, non-ASCII included, and refuses one changed byte', async () => {
  const bodies = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ seq: i + 1, data: { text: `note ${i} é ✓ 𝄞 "quoted"\n` } }));
  const { texts, hash } = chained(bodies);
  const worker = new ChainWorker(GENESIS_HASH);
  for (let i = 0; i < texts.length; i += 1000) worker.push(texts.slice(i, i + 1000));
  assert.deepEqual(await worker.finish(), { whole: true, count: 2500, hash });

  const altered = [...texts];
  altered[1700] = altered[1700]!.replace('note', 'nope');
  const second = new ChainWorker(GENESIS_HASH);
  second.push(altered);
  assert.deepEqual(await second.finish(), { whole: false });

  const unhashed = [...texts];
  unhashed[3] = bodies[3]!;
  const third = new ChainWorker(GENESIS_HASH);
  third.push(unhashed);
  assert.deepEqual(await third.finish(), { whole: false });
});

test('replay of a log of several pages verifies the chain and equals the stored projections; an altered entry is still named', async () => {
  const t = await tempStore();
  try {
    for (let start = 1; start <= 2500; start += 500) {
      const drafts: EventDraft[] = Array.from({ length: 500 }, (_, i) => ({
        type: 'requirement.added',
        actor: 'planner',
        data: { text: `Requirement ${start + i} — naïve dates` },
      }));
      await t.store.appendAll(drafts);
    }
    const clean = await t.store.rebuild();
    assert.deepEqual([clean.events, clean.equal, clean.chain], [2500, true, { verified: true }]);
    let seen = 0;
    assert.deepEqual(await scanTrustedLog(t.store.keyspaces, () => void (seen += 1)), { seq: 2500 }, 'the fast scan vouched for it');
    assert.equal(seen, 2500);

    const stored = (await t.store.keyspaces.log.get(key(1800))) as { data: { text: string } };
    await t.store.keyspaces.log.put(key(1800), { ...stored, data: { ...stored.data, text: 'Changed by hand' } });
    assert.equal(await scanTrustedLog(t.store.keyspaces, () => undefined), undefined, 'the fast scan gives up');
    const report = await t.store.rebuild();
    assert.deepEqual([report.events, report.chain], [2500, { verified: false, brokenAt: 1800, reason: 'hash' }]);
    assert.deepEqual(report.differences, ['requirements/R-1800']);
  } finally {
    await t.cleanup();
  }
});

test('the fast scan reads no keys, yet an entry moved to another key sends replay the careful way', async () => {
  const t = await tempStore();
  try {
    const drafts: EventDraft[] = Array.from({ length: 1500 }, (_, i) => ({
      type: 'requirement.added',
      actor: 'planner',
      data: { text: `R ${i}` },
    }));
    await t.store.appendAll(drafts);
    const log = t.store.keyspaces.log;
    // Every text still chains in key order, but #1500 sits under #1501's key (and a first entry under key 0 would do the same).
    const last = await log.get(key(1500));
    await log.batch([
      { type: 'del', key: key(1500) },
      { type: 'put', key: key(1501), value: last },
    ]);
    assert.equal(await scanTrustedLog(t.store.keyspaces, () => undefined), undefined, 'the fast scan gives up');
    await log.batch([
      { type: 'del', key: key(1501) },
      { type: 'put', key: key(1500), value: last },
    ]);
    assert.deepEqual(await scanTrustedLog(t.store.keyspaces, () => undefined), { seq: 1500 }, 'put back, it vouches again');
  } finally {
    await t.cleanup();
  }
});

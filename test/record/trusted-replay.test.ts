// Replay decodes an entry without zod only when its stored hash verifies AND it was written under the
// current event schema revision (the record's `validated` mark); everything else is validated as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../../support/helpers/temp.js';
import { chainNext, GENESIS_HASH } from '../../src/record/chain.js';
import { scanLog } from '../../src/record/log-scan.js';
import { markValidated, trustFrom } from '../../src/record/trust-mark.js';
import { EVENT_SCHEMA_REVISION, type RecordEvent } from '../../src/record/events.js';
import type { LevelEventStore } from '../../src/record/store.js';

const key = (seq: number) => String(seq).padStart(16, '0');

async function requirements(store: LevelEventStore, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await store.append({ type: 'requirement.added', actor: 'planner', data: { text: `Requirement ${i}` } });
}

/** Rewrites event #1 as `event` with a hash that chains, and re-chains the rest after it. */
async function forge(store: LevelEventStore, first: RecordEvent): Promise<void> {
  const events: RecordEvent[] = [first];
  for (let seq = 2; seq <= store.head(); seq++) {
    const { hash: _hash, ...event } = (await store.keyspaces.log.get(key(seq))) as RecordEvent & { hash: string };
    events.push(event as RecordEvent);
  }
  let hash = GENESIS_HASH;
  for (const event of events) {
    hash = chainNext(hash, event);
    await store.keyspaces.log.put(key(event.seq), { ...event, hash });
  }
}

test('a record written by this crucible is trusted from its first event, and replays with the chain verified', async () => {
  const t = await tempStore();
  try {
    await requirements(t.store, 5);
    assert.equal(await trustFrom(t.store.keyspaces), 1);
    const report = await t.store.rebuild();
    assert.deepEqual([report.events, report.equal, report.chain], [5, true, { verified: true }]);
  } finally {
    await t.cleanup();
  }
});

test('an entry that chains but does not validate passes only where it is trusted: an older mark or revision validates it', async () => {
  const t = await tempStore();
  try {
    await requirements(t.store, 3);
    const first = (await t.store.keyspaces.log.get(key(1))) as RecordEvent & { hash: string };
    const { hash: _hash, ...event } = first;
    // An actor the schema refuses, chained as if the writer had accepted it.
    await forge(t.store, { ...event, actor: 'not an actor!' } as RecordEvent);
    const ks = t.store.keyspaces;
    assert.equal((await scanLog(ks, { trustFrom: 1 })).broken, undefined, 'trusted: decoded without zod');
    assert.deepEqual((await scanLog(ks, { trustFrom: 2 })).broken, { seq: 1, reason: 'invalid' }, 'written before the mark');

    await ks.meta.put('validated', { revision: EVENT_SCHEMA_REVISION + 1, from: 1 });
    assert.equal(await trustFrom(ks), Infinity, 'another revision trusts nothing');
    await ks.meta.del('validated');
    await markValidated(ks, t.store.head());
    assert.equal(await trustFrom(ks), 4, 'a record without the mark is trusted only from what this crucible writes next');
    await assert.rejects(t.store.rebuild(), /log entry 1: actor/);
  } finally {
    await t.cleanup();
  }
});

test('an entry altered without its hash is found where it is, and replay validates everything after it', async () => {
  const t = await tempStore();
  try {
    await requirements(t.store, 50);
    const stored = (await t.store.keyspaces.log.get(key(7))) as { data: { text: string } };
    await t.store.keyspaces.log.put(key(7), { ...stored, data: { ...stored.data, text: 'Changed by hand' } });
    const report = await t.store.rebuild();
    assert.deepEqual([report.events, report.chain], [50, { verified: false, brokenAt: 7, reason: 'hash' }]);
    assert.deepEqual(report.differences, ['requirements/R-7']);
    assert.deepEqual((await scanLog(t.store.keyspaces, { trustFrom: 1 })).broken, { seq: 7, reason: 'hash' });
  } finally {
    await t.cleanup();
  }
});

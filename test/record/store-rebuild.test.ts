// EventStore.rebuild, the replay `crucible rebuild` runs through the store's interface: a repair
// reaches the projections the open store reads, not only the ones on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventStore } from '../../src/record/event-store.js';
import { tempStore } from '../../support/helpers/temp.js';

test('rebuild with rewrite repairs a damaged row on disk and in the open store’s view', async () => {
  const t = await tempStore();
  try {
    await t.store.append({ type: 'task.created', actor: 'planner', data: { title: 'Add add', role: 'implementer' } });
    const good = t.store.view.get('tasks', 'T-1');
    await t.store.keyspaces.tables.tasks.put('T-1', { damaged: true });
    const reopened = await t.reopen();
    assert.notDeepEqual(reopened.view.get('tasks', 'T-1'), good, 'the reopened store loaded the damaged row');

    const store: EventStore = reopened;
    const check = await store.rebuild();
    assert.deepEqual(check, { events: 1, equal: false, differences: ['tasks/T-1'], rewritten: false, chain: { verified: true } });
    const repair = await store.rebuild({ rewrite: true });
    assert.equal(repair.rewritten, true);
    assert.deepEqual(store.view.get('tasks', 'T-1'), good, 'the open store reads the repaired row');
    assert.equal((await store.rebuild()).equal, true);
    await store.append({ type: 'task.claimed', actor: 'implementer-1', data: { id: 'T-1', assignee: 'implementer-1' } });
    assert.equal(store.view.get('tasks', 'T-1')?.status, 'claimed', 'appends reduce over the repaired row');
  } finally {
    await t.cleanup();
  }
});

test('an event altered in place breaks the hash chain: rebuild finds it anywhere, opening finds it near the head', async () => {
  const t = await tempStore();
  try {
    for (let i = 1; i <= 40; i++) await t.store.append({ type: 'requirement.added', actor: 'planner', data: { text: `Requirement ${i}` } });
    const alter = async (store: typeof t.store, seq: number) => {
      const key = String(seq).padStart(16, '0');
      const stored = (await store.keyspaces.log.get(key)) as { actor: string };
      await store.keyspaces.log.put(key, { ...stored, actor: 'mallory' });
    };
    await alter(t.store, 5);
    const reopened = await t.reopen();
    const report = await reopened.rebuild();
    assert.deepEqual(report.chain, { verified: false, brokenAt: 5, reason: 'hash' });
    await alter(reopened, 39);
    await assert.rejects(t.reopen(), (error: Error) => {
      assert.match(error.message, /is damaged: event #39 does not match the hash chain/);
      return true;
    });
  } finally {
    await t.cleanup().catch(() => undefined);
  }
});

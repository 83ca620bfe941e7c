import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordBus } from '../../src/bus/bus.js';
import type { RecordEvent } from '../../src/record/events.js';
import { tempStore } from '../../support/helpers/temp.js';

const note = (text: string) => ({ type: 'memory.remembered' as const, actor: 'test', data: { scope: 'shared', text } });

test('live subscribers get events after they are durable, filtered by type or topic', async () => {
  const t = await tempStore();
  try {
    const bus = new RecordBus(t.store);
    const seen: string[] = [];
    const tasksOnly = bus.subscribe((e) => void seen.push(`${e.seq}:${e.type}`), { topics: ['task'] });
    const durableAtDelivery: boolean[] = [];
    const all = bus.subscribe(async (e) => {
      durableAtDelivery.push((await t.store.keyspaces.log.get(String(e.seq).padStart(16, '0'))) !== undefined);
    });
    await t.store.append(note('a'));
    await t.store.append({ type: 'task.created', actor: 'p', data: { title: 'x', role: 'implementer' } });
    await tasksOnly.idle();
    await all.idle();
    assert.deepEqual(seen, ['2:task.created']);
    assert.deepEqual(durableAtDelivery, [true, true]);
    tasksOnly.close();
    all.close();
  } finally {
    await t.cleanup();
  }
});

test('a slow subscriber never blocks the writer', async () => {
  const t = await tempStore();
  try {
    const bus = new RecordBus(t.store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = bus.subscribe(() => gate, { maxBuffer: 50 });
    for (let i = 0; i < 200; i++) await t.store.append(note(`n${i}`));
    assert.equal(t.store.head(), 200, 'all appends finished while the subscriber was stuck');
    assert.ok(slow.dropped > 0, 'the stuck subscriber dropped what it could not hold');
    release();
    slow.close();
  } finally {
    await t.cleanup();
  }
});

test('the bus needs nothing of a store but its commits: events reach subscribers in commit order, and a failing handler does not stop them', async () => {
  const listeners = new Set<(events: readonly RecordEvent[]) => void>();
  const commits = {
    onCommit(listener: (events: readonly RecordEvent[]) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const bus = new RecordBus(commits);
  const seen: number[] = [];
  const errors: number[] = [];
  const sub = bus.subscribe(
    (e) => {
      if (e.seq === 2) throw new Error('handler failed');
      seen.push(e.seq);
    },
    { onError: (_error, e) => void errors.push(e.seq) },
  );
  const event = (seq: number): RecordEvent => ({
    seq,
    ts: new Date(0).toISOString(),
    type: 'memory.remembered',
    actor: 'test',
    data: { id: `M-${seq}`, scope: 'shared', text: 'x' },
  });
  for (const l of listeners) l([event(1), event(2)]);
  for (const l of listeners) l([event(3)]);
  await sub.idle();
  assert.deepEqual(seen, [1, 3]);
  assert.deepEqual(errors, [2]);
  sub.close();
  assert.equal(listeners.size, 0, 'closing unsubscribes from the commits');
});

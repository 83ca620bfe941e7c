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

test('a durable subscriber receives after a restart exactly what it had not acknowledged', async () => {
  const t = await tempStore();
  try {
    let bus = new RecordBus(t.store);
    const first: number[] = [];
    let sub = await bus.subscribeDurable('coordinator', (e) => {
      if (e.seq > 3) throw new Error('crash before acknowledging');
      first.push(e.seq);
    });
    for (let i = 0; i < 5; i++) await t.store.append(note(`n${i}`));
    await sub.idle();
    assert.deepEqual(first, [1, 2, 3]);
    sub.close();

    const store = await t.reopen();
    for (let i = 5; i < 7; i++) await store.append(note(`n${i}`));
    bus = new RecordBus(store);
    const second: RecordEvent[] = [];
    sub = await bus.subscribeDurable('coordinator', (e) => void second.push(e));
    await store.append(note('live'));
    await sub.idle();
    assert.deepEqual(second.map((e) => e.seq), [4, 5, 6, 7, 8]);
    assert.equal(sub.cursor, 8);
    sub.close();
  } finally {
    await t.cleanup();
  }
});

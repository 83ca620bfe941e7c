// The record store's guarantees (event-store.ts) as test cases, run against every backend:
// LevelDB (test/record/store.unit.test.ts) and PostgreSQL (test/record/pg/store.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordRefusal } from '../../src/record/refusal.js';
import { EventSchemaError } from '../../src/record/validate.js';
import type { EventStore } from '../../src/record/event-store.js';

/** A fresh, empty record of one backend. */
export interface TempRecord {
  store: EventStore;
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

export function storeCases(backend: string, open: () => Promise<TempRecord>): void {
  test(`${backend}: appends get gap-free sequence numbers and assigned ids, and survive a reopen`, async () => {
    const t = await open();
    try {
      const r = await t.store.append({ type: 'requirement.added', actor: 'human', data: { text: 'Parse ISO dates' } });
      const [a, b] = await Promise.all([
        t.store.append({
          type: 'task.created',
          actor: 'planner',
          data: { title: 'Design parser', role: 'architect', requirements: [r.data.id] },
        }),
        t.store.append({ type: 'task.created', actor: 'planner', data: { title: 'Write parser', role: 'implementer' } }),
      ]);
      assert.deepEqual([r.seq, a.seq, b.seq], [1, 2, 3]);
      assert.deepEqual([r.data.id, a.data.id, b.data.id], ['R-1', 'T-1', 'T-2']);
      const reopened = await t.reopen();
      assert.equal(reopened.head(), 3);
      assert.equal(reopened.view.get('tasks', 'T-1')?.requirements[0], 'R-1');
      const c = await reopened.append({ type: 'task.created', actor: 'planner', data: { title: 'Test parser', role: 'tester' } });
      assert.equal(c.data.id, 'T-3');
      const seqs: number[] = [];
      for await (const e of reopened.read()) seqs.push(e.seq);
      assert.deepEqual(seqs, [1, 2, 3, 4]);
    } finally {
      await t.cleanup();
    }
  });

  test(`${backend}: an event that fails its schema is refused, names the field, and writes nothing`, async () => {
    const t = await open();
    try {
      await assert.rejects(
        t.store.append({ type: 'task.created', actor: 'planner', data: { title: '', role: 'implementer' } }),
        (error: unknown) => error instanceof EventSchemaError && /data\.title/.test(error.message),
      );
      await assert.rejects(
        t.store.append({ type: 'task.created', actor: 'bad actor!', data: { title: 'x', role: 'implementer' } }),
        (error: unknown) => error instanceof EventSchemaError && /actor/.test(error.message),
      );
      assert.equal(t.store.head(), 0);
      assert.equal([...t.store.view.rows('tasks')].length, 0);
      assert.equal([...t.store.view.rows('counters')].length, 0);
    } finally {
      await t.cleanup();
    }
  });

  test(`${backend}: illegal transitions are refused with a reason and leave the task as it was`, async () => {
    const t = await open();
    try {
      await t.store.append({ type: 'task.created', actor: 'planner', data: { title: 'Write parser', role: 'implementer' } });
      await assert.rejects(t.store.append({ type: 'task.completed', actor: 'implementer-1', data: { id: 'T-1' } }), (error: unknown) => {
        assert.ok(error instanceof RecordRefusal);
        assert.equal(error.code, 'illegal-transition');
        assert.match(error.reason, /cannot complete T-1: it is ready/);
        assert.match(error.fix, /claim it first/);
        return true;
      });
      await assert.rejects(t.store.append({ type: 'task.claimed', actor: 'x', data: { id: 'T-9', assignee: 'x' } }), /T-9 does not exist/);
      const task = t.store.view.get('tasks', 'T-1');
      assert.equal(task?.status, 'ready');
      assert.equal(task?.history.length, 1);
      assert.equal(t.store.head(), 1);
    } finally {
      await t.cleanup();
    }
  });

  test(`${backend}: a task with open dependencies is blocked and becomes ready by itself when they are done`, async () => {
    const t = await open();
    try {
      const s = t.store;
      await s.append({ type: 'task.created', actor: 'planner', data: { title: 'A', role: 'implementer' } });
      await s.append({ type: 'task.created', actor: 'planner', data: { title: 'B', role: 'implementer' } });
      await s.append({ type: 'task.created', actor: 'planner', data: { title: 'C', role: 'tester', deps: ['T-1', 'T-2'] } });
      assert.equal(s.view.get('tasks', 'T-3')?.status, 'blocked');
      await assert.rejects(
        s.append({ type: 'task.claimed', actor: 'tester-1', data: { id: 'T-3', assignee: 'tester-1' } }),
        /it is blocked/,
      );
      for (const id of ['T-1', 'T-2']) {
        await s.append({ type: 'task.claimed', actor: 'impl', data: { id, assignee: 'impl' } });
        await s.append({ type: 'task.started', actor: 'impl', data: { id } });
        await s.append({
          type: 'task.completed',
          actor: 'impl',
          data: { id, evidence: [{ kind: 'command', command: 'npm test', exitCode: 0 }] },
        });
        assert.equal(s.view.get('tasks', 'T-3')?.status, id === 'T-1' ? 'blocked' : 'ready');
      }
      assert.match(s.view.get('tasks', 'T-3')?.history.at(-1)?.note ?? '', /dependencies done/);
      await s.append({ type: 'task.reopened', actor: 'human', data: { id: 'T-1', reason: 'linked code changed' } });
      assert.equal(s.view.get('tasks', 'T-3')?.status, 'blocked');
      await assert.rejects(
        s.append({ type: 'task.created', actor: 'p', data: { title: 'D', role: 'x', deps: ['T-42'] } }),
        /dependency T-42 does not exist/,
      );
    } finally {
      await t.cleanup();
    }
  });

  test(`${backend}: appendAll is all or nothing`, async () => {
    const t = await open();
    try {
      await assert.rejects(
        t.store.appendAll([
          { type: 'task.created', actor: 'p', data: { title: 'ok', role: 'implementer' } },
          { type: 'task.claimed', actor: 'p', data: { id: 'T-7', assignee: 'p' } },
        ]),
        /T-7 does not exist/,
      );
      assert.equal(t.store.head(), 0);
      assert.equal(t.store.view.get('tasks', 'T-1'), undefined);
      const events = await t.store.appendAll([
        { type: 'task.created', actor: 'p', data: { title: 'ok', role: 'implementer' } },
        { type: 'task.claimed', actor: 'p', data: { id: 'T-1', assignee: 'p' } },
      ]);
      assert.deepEqual(
        events.map((e) => e.seq),
        [1, 2],
      );
    } finally {
      await t.cleanup();
    }
  });

  test(`${backend}: answering a judgment records a decision in the same append`, async () => {
    const t = await open();
    try {
      const j = await t.store.append({
        type: 'judgment.asked',
        actor: 'architect-1',
        data: {
          question: 'Throw or return null?',
          options: [
            { label: 'throw', tradeoffs: 'loud' },
            { label: 'null', tradeoffs: 'quiet' },
          ],
          askedBy: 'architect-1',
        },
      });
      const a = await t.store.append({ type: 'judgment.answered', actor: 'human', data: { id: j.data.id, answer: 'throw' } });
      const decision = t.store.view.get('decisions', a.data.decisionId);
      assert.equal(decision?.choice, 'throw');
      assert.equal(decision?.judgmentId, 'J-1');
      await assert.rejects(
        t.store.append({ type: 'judgment.answered', actor: 'human', data: { id: 'J-1', answer: 'null' } }),
        /already answered/,
      );
    } finally {
      await t.cleanup();
    }
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rebuild } from '../../src/record/rebuild.js';
import { criticalPath, impactOf, trace } from '../../src/record/queries.js';
import { tempStore } from '../../support/helpers/temp.js';
import { appendMixed } from '../../support/helpers/workload.js';

test('rebuild replays 10k mixed events into projections equal to the live ones, and repairs a damaged row', async () => {
  const t = await tempStore();
  try {
    await appendMixed(t.store, 10_000, { seed: 7, concurrency: 16 });
    assert.equal(t.store.head(), 10_000);
    const tasks = [...t.store.view.rows('tasks')];
    assert.ok(
      tasks.some((task) => task.status === 'done') && tasks.some((task) => task.status !== 'done'),
      'workload covers several statuses',
    );
    const report = await rebuild(t.store.keyspaces);
    assert.equal(report.events, 10_000);
    assert.deepEqual(report.differences, []);
    assert.equal(report.equal, true);

    await t.store.keyspaces.tables.tasks.put('T-1', { damaged: true });
    const damaged = await rebuild(t.store.keyspaces, { rewrite: true });
    assert.equal(damaged.equal, false);
    assert.deepEqual(damaged.differences, ['tasks/T-1']);
    assert.equal(damaged.rewritten, true);
    assert.equal((await rebuild(t.store.keyspaces)).equal, true);
  } finally {
    await t.cleanup();
  }
});

test('trace follows links both ways: requirement to tasks, code and tests, and code back to the requirement', async () => {
  const t = await tempStore();
  try {
    const s = t.store;
    await s.append({ type: 'requirement.added', actor: 'human', data: { text: 'Slugify titles' } });
    await s.append({ type: 'decision.recorded', actor: 'architect', data: { title: 'Pure function', rationale: 'easy to test' } });
    await s.append({
      type: 'task.created',
      actor: 'planner',
      data: { title: 'Implement slugify', role: 'implementer', requirements: ['R-1'], decisions: ['D-1'] },
    });
    await s.append({
      type: 'task.created',
      actor: 'planner',
      data: { title: 'Test slugify', role: 'tester', deps: ['T-1'], requirements: ['R-1'] },
    });
    await s.append({
      type: 'link.added',
      actor: 'implementer',
      data: { entity: 'T-1', path: 'src/slugify.js', range: { start: 1, end: 12 } },
    });
    await s.append({ type: 'link.added', actor: 'tester', data: { entity: 'T-2', path: 'test/slugify.test.js', rel: 'verifies' } });
    await s.append({
      type: 'decision.recorded',
      actor: 'architect',
      data: { title: 'Pure function, no regex', rationale: 'faster', supersedes: 'D-1' },
    });

    const down = trace(s.view, 'R-1');
    const incoming = down.incoming.map((i) => `${i.rel}:${i.node.id}`);
    assert.ok(incoming.includes('satisfies:T-1'));
    assert.ok(incoming.includes('satisfies:T-2'));
    assert.ok(incoming.includes('implements:src/slugify.js:1-12'));
    assert.ok(incoming.includes('verifies:test/slugify.test.js'));

    const up = trace(s.view, 'src/slugify.js:1-12');
    const outgoing = up.outgoing.map((o) => `${o.rel}:${o.node.id}`);
    assert.deepEqual(outgoing.slice(0, 1), ['implements:T-1']);
    assert.ok(outgoing.includes('satisfies:R-1'));
    assert.ok(outgoing.includes('implements:D-1'));

    const superseded = trace(s.view, 'D-1').incoming.map((i) => `${i.rel}:${i.node.id}`);
    assert.ok(superseded.includes('supersedes:D-2'));
    assert.equal(s.view.get('decisions', 'D-1')?.status, 'superseded');

    const impact = impactOf(s.view, 'R-1');
    assert.deepEqual(impact.tasks, ['T-1', 'T-2']);
    assert.deepEqual(impact.code, ['src/slugify.js:1-12']);
    assert.deepEqual(impact.tests, ['test/slugify.test.js']);
    assert.deepEqual(impact.decisions, ['D-1']);

    assert.deepEqual(criticalPath(s.view), ['T-1', 'T-2']);
  } finally {
    await t.cleanup();
  }
});

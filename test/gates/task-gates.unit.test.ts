import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canAdvancePhase, canClaim, canComplete, canReview } from '../../src/gates/task-gates.js';
import { findExactDuplicate, findNearDuplicate, textTokens } from '../../src/gates/duplicate-tasks.js';
import { tempStore } from '../../support/helpers/temp.js';

const impl = { name: 'implementer-1', role: 'implementer' };

test('each gate refuses with a code, a reason and the exact fix', async () => {
  const t = await tempStore();
  try {
    const s = t.store;
    await s.append({ type: 'requirement.added', actor: 'p', data: { text: 'Truncate strings' } });
    await s.append({
      type: 'task.created',
      actor: 'p',
      data: {
        title: 'Design truncate',
        role: 'architect',
        phase: 'architecture',
        requirements: ['R-1'],
        acceptance: ['decision recorded'],
      },
    });
    await s.append({
      type: 'task.created',
      actor: 'p',
      data: {
        title: 'Implement truncate',
        role: 'implementer',
        phase: 'implementation',
        requirements: ['R-1'],
        deps: ['T-1'],
        acceptance: ['cuts at n'],
      },
    });
    await s.append({
      type: 'task.created',
      actor: 'p',
      data: { title: 'Implement pad', role: 'implementer', phase: 'implementation', acceptance: ['pads'], phaseOrder: false },
    });
    const view = s.view;
    const t2 = view.get('tasks', 'T-2')!;

    const deps = canClaim(view, t2, impl);
    assert.deepEqual(deps.ok ? null : [deps.code, deps.reason, deps.fix], [
      'deps-not-done',
      'T-2 depends on T-1, which is not done',
      'finish T-1 first; T-2 becomes ready by itself',
    ]);
    const role = canClaim(view, view.get('tasks', 'T-1')!, impl);
    assert.equal(role.ok ? '' : role.code, 'wrong-role');
    const noReq = canClaim(view, view.get('tasks', 'T-3')!, impl);
    assert.equal(noReq.ok ? '' : noReq.code, 'no-requirement');

    // T-1 done without a decision: T-2 is ready but has no design decision yet.
    await s.appendAll([
      { type: 'task.claimed', actor: 'a', data: { id: 'T-1', assignee: 'architect-1' } },
      { type: 'task.started', actor: 'a', data: { id: 'T-1' } },
      { type: 'task.completed', actor: 'a', data: { id: 'T-1' } },
    ]);
    const noDecision = canClaim(s.view, s.view.get('tasks', 'T-2')!, impl);
    assert.equal(noDecision.ok ? '' : noDecision.code, 'no-design-decision');
    await s.append({ type: 'decision.recorded', actor: 'architect-1', data: { title: 'Cut at word boundary', rationale: 'reads better' } });
    await s.append({ type: 'edge.added', actor: 'architect-1', data: { from: 'T-1', rel: 'implements', to: 'D-1' } });
    assert.deepEqual(canClaim(s.view, s.view.get('tasks', 'T-2')!, impl), { ok: true });

    const phase = canAdvancePhase(s.view, 'testing');
    assert.equal(phase.ok ? '' : phase.code, 'phase-open');

    await s.appendAll([
      { type: 'task.claimed', actor: 'i', data: { id: 'T-2', assignee: 'implementer-1' } },
      { type: 'task.started', actor: 'i', data: { id: 'T-2' } },
    ]);
    const task = s.view.get('tasks', 'T-2')!;
    const red = canComplete(task, impl, {
      commands: [{ command: 'node --test', exitCode: 1, outputTail: 'not ok 1 - cuts at n' }],
      acceptance: [{ criterion: 'cuts at n', how: 'test' }],
    });
    assert.equal(red.ok ? '' : red.code, 'gate-failed');
    assert.match(red.ok ? '' : red.reason, /not ok 1 - cuts at n/);
    const missing = canComplete(task, impl, { commands: [{ command: 'node --test', exitCode: 0, outputTail: '' }], acceptance: [] });
    assert.equal(missing.ok ? '' : missing.code, 'criteria-unaddressed');
    const other = canComplete(task, { name: 'implementer-2', role: 'implementer' }, { commands: [], acceptance: [] });
    assert.equal(other.ok ? '' : other.code, 'not-assignee');
    assert.deepEqual(
      canComplete(task, impl, {
        commands: [{ command: 'node --test', exitCode: 0, outputTail: '' }],
        acceptance: [{ criterion: 'Cuts at  N', how: 'test/truncate.test.js' }],
      }),
      { ok: true },
    );
    const review = canReview(task, { name: 'reviewer-1', role: 'reviewer' });
    assert.equal(review.ok ? '' : review.code, 'not-in-review');
  } finally {
    await t.cleanup();
  }
});

test('phase order holds a later phase until earlier work on the same requirement is done, unless the task opts out', async () => {
  const t = await tempStore();
  try {
    const s = t.store;
    await s.append({ type: 'requirement.added', actor: 'p', data: { text: 'Slugify' } });
    await s.append({
      type: 'task.created',
      actor: 'p',
      data: { title: 'Design', role: 'architect', phase: 'architecture', requirements: ['R-1'] },
    });
    await s.append({ type: 'task.created', actor: 'p', data: { title: 'Tests', role: 'tester', phase: 'testing', requirements: ['R-1'] } });
    await s.append({
      type: 'task.created',
      actor: 'p',
      data: { title: 'Tests first', role: 'tester', phase: 'testing', requirements: ['R-1'], phaseOrder: false },
    });
    const tester = { name: 'tester-1', role: 'tester' };
    const held = canClaim(s.view, s.view.get('tasks', 'T-2')!, tester);
    assert.equal(held.ok ? '' : held.code, 'phase-order');
    assert.deepEqual(canClaim(s.view, s.view.get('tasks', 'T-3')!, tester), { ok: true });
  } finally {
    await t.cleanup();
  }
});

test('near-duplicate tasks are found by role and wording', async () => {
  const t = await tempStore();
  try {
    await t.store.append({ type: 'task.created', actor: 'p', data: { title: 'Implement the slugify function', role: 'implementer' } });
    const tasks = [...t.store.view.rows('tasks')];
    const implementer = (title: string, more: { description?: string; acceptance?: string[] } = {}) => ({
      title,
      role: 'implementer',
      ...more,
    });
    assert.equal(findNearDuplicate(tasks, implementer('Write slugify function'))?.id, 'T-1');
    assert.equal(findNearDuplicate(tasks, { title: 'Write slugify function', role: 'tester' }), undefined);
    assert.equal(findNearDuplicate(tasks, implementer('Implement truncate')), undefined);
    assert.equal(findNearDuplicate(tasks, implementer('Implement slugify'))?.id, 'T-1', 'filler words do not make a new task');
    assert.equal(findNearDuplicate(tasks, implementer('Implement slugifyTitle'))?.id, undefined, 'camelCase splits: slugify + title');
    assert.equal(findExactDuplicate(tasks, implementer('implement THE slugify-function!'))?.id, 'T-1');
    assert.equal(findExactDuplicate(tasks, implementer('Implement slugify')), undefined);
  } finally {
    await t.cleanup();
  }
});

test('near duplicates are judged on the whole text, identifiers split before lower-casing and words stemmed', async () => {
  const t = await tempStore();
  try {
    await t.store.append({
      type: 'task.created',
      actor: 'p',
      data: {
        title: 'Parse ISO dates',
        role: 'implementer',
        description: 'parseIsoDate handles time zones',
        acceptance: ['rejects bad months'],
      },
    });
    const tasks = [...t.store.view.rows('tasks')];
    assert.deepEqual([...textTokens('parseIsoDate handles the timeZones')], ['pars', 'iso', 'date', 'handl', 'time', 'zone']);
    const same = {
      title: 'Parse ISO date',
      role: 'implementer',
      description: 'parse_iso_date handling of time zone',
      acceptance: ['rejected bad month'],
    };
    assert.equal(findNearDuplicate(tasks, same)?.id, 'T-1');
    const other = { title: 'Parse ISO dates', role: 'implementer', description: 'format durations as weeks', acceptance: ['prints 3w'] };
    assert.equal(findNearDuplicate(tasks, other), undefined, 'the same title with another job is not a duplicate');
    const numbered = [{ ...tasks[0]!, title: 'Task 1', description: '', acceptance: ['works'] }];
    assert.equal(
      findNearDuplicate(numbered, { title: 'Task 2', role: 'implementer', acceptance: ['works'] }),
      undefined,
      'numbers tell tasks apart',
    );
    const lettered = [{ ...tasks[0]!, title: 'Write a', description: '', acceptance: ['works'] }];
    assert.equal(
      findNearDuplicate(lettered, { title: 'Write b', role: 'implementer', acceptance: ['works'] }),
      undefined,
      'same text, other title',
    );
  } finally {
    await t.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withUi } from '../../src/tui/state/navigate.js';
import { activityInput, applyToTranscript, emptyTranscript } from '../../src/tui/state/transcript.js';
import { keyAction, runActions, sampleState, task } from './fixtures.js';

const run = runActions;
const k = keyAction;

test('Tab and Shift-Tab cycle the areas: agents, pane, tabs', () => {
  const s = sampleState();
  assert.equal(run(s, k('key.focus', { delta: 1 })).state.ui.focus, 'pane');
  assert.equal(run(s, k('key.focus', { delta: 1 }), k('key.focus', { delta: 1 })).state.ui.focus, 'tabs');
  assert.equal(run(s, k('key.focus', { delta: -1 })).state.ui.focus, 'tabs');
});

test('1-9 jump to an agent and pin the selection; arrows move it within bounds', () => {
  const s = sampleState();
  const jumped = run(s, k('key.digit', { n: 3 })).state;
  assert.equal(jumped.ui.agent, 2);
  assert.equal(jumped.ui.pinned, true);
  assert.equal(run(s, k('key.move', { delta: 1 }), k('key.move', { delta: 1 }), k('key.move', { delta: 1 })).state.ui.agent, 2);
  assert.equal(run(s, k('key.move', { delta: -1 })).state.ui.agent, 0);
  const none = run(s, k('key.digit', { n: 9 })).state;
  assert.equal(none.ui.agent, 0);
  assert.match(none.ui.notice?.text ?? '', /no agent 9/);
});

test('in the tabs, ←/→ switch tabs and ↑↓, PgDn, Home/End move the cursor', () => {
  let s = withUi(sampleState(), { focus: 'tabs' });
  s = run(s, k('key.side', { delta: 1 })).state;
  assert.equal(s.ui.tab, 'judgments');
  s = run(s, k('key.side', { delta: -1 }), k('key.side', { delta: -1 })).state;
  assert.equal(s.ui.tab, 'stats', 'wraps around');
  const tasks = { ...sampleState(), record: { ...sampleState().record, tasks: Array.from({ length: 40 }, (_, i) => task(`T-${i + 1}`)) } };
  let t = withUi(tasks, { focus: 'tabs' });
  t = run(t, k('key.page', { delta: 1 })).state;
  assert.ok(t.ui.cursor.tasks > 1);
  t = run(t, k('key.edge', { to: 'end' })).state;
  assert.equal(t.ui.cursor.tasks, 39);
  assert.ok(t.ui.top.tasks > 0 && t.ui.top.tasks <= 39, 'the window follows the cursor');
  t = run(t, k('key.edge', { to: 'start' })).state;
  assert.deepEqual([t.ui.cursor.tasks, t.ui.top.tasks], [0, 0]);
});

test('the pane scrolls back from the end and End follows again', () => {
  let s = sampleState();
  const transcript = applyToTranscript(
    emptyTranscript(),
    Array.from({ length: 60 }, (_, i) => activityInput({ type: 'text', text: `line ${i}\n` })),
  );
  s = withUi({ ...s, transcripts: { planner: transcript } }, { focus: 'pane' });
  s = run(s, k('key.move', { delta: -1 })).state;
  const top = s.ui.paneTop.planner;
  assert.equal(typeof top, 'number');
  s = run(s, k('key.page', { delta: -1 })).state;
  assert.ok(s.ui.paneTop.planner! < top!);
  s = run(s, k('key.edge', { to: 'start' })).state;
  assert.equal(s.ui.paneTop.planner, 0);
  s = run(s, k('key.edge', { to: 'end' })).state;
  assert.equal(s.ui.paneTop.planner, undefined, 'following again');
});

test('a answers the oldest pending judgment: choose, Enter, and the answer is an effect', () => {
  const s = sampleState();
  const opened = run(s, k('key.answer')).state;
  assert.deepEqual(opened.ui.modal, { kind: 'judgment', id: 'J-1', choice: 0, text: '' });
  const { state, effects } = run(opened, k('key.move', { delta: 1 }), k('key.enter'));
  assert.deepEqual(effects, [{ type: 'answer', id: 'J-1', answer: 'second way' }]);
  assert.equal(state.ui.modal, null);
});

test("text typed after choosing an option is kept as that option's note", () => {
  const opened = run(sampleState(), k('key.answer')).state;
  const { effects } = run(opened, k('key.move', { delta: 1 }), k('key.text', { text: 'but cache it' }), k('key.enter'));
  assert.deepEqual(effects, [{ type: 'answer', id: 'J-1', answer: 'second way: but cache it' }]);
});

test('the judgment modal takes a free-text answer on its last row; Esc defers', () => {
  const opened = run(sampleState(), k('key.answer'), k('key.move', { delta: -1 })).state;
  assert.equal(opened.ui.modal?.kind === 'judgment' && opened.ui.modal.choice, 2, 'up from the first option wraps to the free-text row');
  const typed = run(
    opened,
    k('key.text', { text: 'neither: ' }),
    k('key.text', { text: 'ask Ann' }),
    k('key.backspace'),
    k('key.text', { text: 'n' }),
    k('key.enter'),
  );
  assert.deepEqual(typed.effects, [{ type: 'answer', id: 'J-1', answer: 'neither: ask Ann' }]);
  const empty = run(opened, k('key.enter'));
  assert.deepEqual(empty.effects, []);
  assert.match(empty.state.ui.notice?.text ?? '', /Type your answer/);
  const deferred = run(opened, k('key.escape')).state;
  assert.equal(deferred.ui.modal, null);
  assert.match(deferred.ui.notice?.text ?? '', /J-1 deferred/);
});

test('with no judgment waiting, a says so', () => {
  const s = sampleState();
  const none = { ...s, record: { ...s.record, judgments: [] } };
  assert.match(run(none, k('key.answer')).state.ui.notice?.text ?? '', /No judgment/);
});

test('p pauses a running run and resumes a paused one; elsewhere it explains', () => {
  const s = sampleState();
  assert.deepEqual(run(s, k('key.pause')).effects, [{ type: 'pause' }]);
  assert.deepEqual(run({ ...s, run: { kind: 'live', phase: 'paused' } }, k('key.pause')).effects, [{ type: 'resume' }]);
  const waiting = run({ ...s, run: { kind: 'live', phase: 'waitingForHuman' } }, k('key.pause'));
  assert.deepEqual(waiting.effects, []);
  assert.match(waiting.state.ui.notice?.text ?? '', /press a/);
  assert.deepEqual(run({ ...s, run: { kind: 'ended', state: 'done', reason: 'x' } }, k('key.pause')).effects, []);
});

test('q asks first while agents work (y quits, n stays); once idle it quits at once; Ctrl-C always', () => {
  const s = sampleState();
  const asked = run(s, k('key.quit'));
  assert.deepEqual(asked.effects, []);
  assert.equal(asked.state.ui.modal?.kind, 'quit');
  assert.deepEqual(run(asked.state, k('key.char', { char: 'y' })).effects, [{ type: 'quit' }]);
  assert.equal(run(asked.state, k('key.char', { char: 'n' })).state.ui.modal, null);
  const idle = { ...s, agents: s.agents.map((a) => ({ ...a, state: 'idle' as const })) };
  assert.deepEqual(run(idle, k('key.quit')).effects, [{ type: 'quit' }]);
  assert.deepEqual(run(withUi(s, { modal: { kind: 'help' } }), k('key.interrupt')).effects, [{ type: 'quit' }]);
});

test('/ opens the search box; typing q is text; Enter asks for the search', () => {
  const s = run(sampleState(), k('key.search')).state;
  assert.equal(s.ui.tab, 'search');
  assert.equal(s.search.editing, true);
  const { state, effects } = run(s, k('key.text', { text: 'quoting' }), k('key.enter'));
  assert.deepEqual(effects, [{ type: 'search', query: 'quoting' }]);
  assert.equal(state.search.status, 'running');
  const done = run(state, {
    type: 'search.results',
    query: 'quoting',
    hits: [{ ref: 'R-1', title: 'Slugify titles', snippet: '', source: 'record' }],
  }).state;
  assert.equal(done.search.hits.length, 1);
  const stale = run(state, { type: 'search.results', query: 'other', hits: [] }).state;
  assert.equal(stale.search.status, 'running', 'results of an older query are ignored');
});

test('Enter in the tabs opens the selected item: a pending judgment as the prompt, a task as details', () => {
  const s = withUi(sampleState(), { focus: 'tabs' });
  assert.deepEqual(run(s, k('key.enter')).state.ui.modal, { kind: 'detail', ref: { type: 'task', id: 'T-1' }, scroll: 0 });
  const j = run(s, k('key.side', { delta: 1 }), k('key.enter')).state;
  assert.equal(j.ui.modal?.kind, 'judgment');
  const audit = withUi(sampleState(), { focus: 'tabs', tab: 'audit' });
  const p = run(audit, k('key.enter'), k('key.enter'));
  assert.deepEqual(p.effects, [{ type: 'proposal', id: 'P-1', verdict: 'approve' }]);
});

test('resize keeps cursors inside the new window', () => {
  const s = withUi(sampleState(), { focus: 'tabs' });
  const small = run(s, { type: 'resize', cols: 80, rows: 20 }).state;
  assert.deepEqual(small.size, { cols: 80, rows: 20 });
});

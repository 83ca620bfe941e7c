// The TUI's diff view: `d` on the selected task asks the session for its diff, the view paints the
// files and the coloured patch (a file's escape sequences shown, never acted on), scrolls, and closes;
// a judgment about a task awaiting review shows that task's diff first, and Esc goes on to the judgment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskDiff } from '../../src/app/diff/schema.js';
import { selectedRef } from '../../src/tui/state/lists.js';
import { withUi } from '../../src/tui/state/navigate.js';
import { update } from '../../src/tui/state/reducer.js';
import type { TuiAction, TuiState } from '../../src/tui/state/types.js';
import { buildFrame } from '../../src/tui/state/view/frame.js';
import { frameText, judgment, sampleState, task } from './fixtures.js';

const patch = [
  'diff --git a/src/strings.js b/src/strings.js',
  '--- a/src/strings.js',
  '+++ b/src/strings.js',
  '@@ -1,2 +1,3 @@',
  ' export const a = 1;',
  '-export const b = 2;',
  '+export const b = 3;',
  '+// \x1b]0;pwned\x07\x1b[2J',
  ...Array.from({ length: 40 }, (_, i) => `+line ${i + 1}`),
].join('\n');

const diffOf = (id: string): TaskDiff => ({
  task: id,
  title: 'Design it',
  source: 'worktree',
  compared: 'its worktree against abc123, where it started',
  files: [{ path: 'src/strings.js', status: 'modified', additions: 42, deletions: 1, base: 'abc123' }],
  additions: 42,
  deletions: 1,
  patch: `${patch}\n`,
  truncated: false,
});

const press = (state: TuiState, ...actions: TuiAction[]) => {
  let s = state;
  let effects: unknown[] = [];
  for (const a of actions) ({ state: s, effects } = update(s, a));
  return { state: s, effects };
};
const d: TuiAction = { type: 'key.char', char: 'd' };

test('d on the selected task loads its diff; the view paints files and the coloured patch, inert, and scrolls', () => {
  const start = withUi(sampleState(), { focus: 'tabs', tab: 'tasks' });
  const ref = selectedRef(start, 'tasks');
  assert.ok(ref?.type === 'task');
  const id = ref.id;
  const opened = press(start, d);
  assert.deepEqual(opened.effects, [{ type: 'diff', id }]);
  assert.match(frameText(buildFrame(opened.state)), new RegExp(`Reading what ${id} changed`));

  const loaded = press(opened.state, { type: 'diff.loaded', id, diff: diffOf(id) }).state;
  const frame = buildFrame(loaded);
  const text = frameText(frame);
  assert.match(text, new RegExp(`Diff ${id} Design it`));
  assert.match(text, /src\/strings\.js +\+42 -1/);
  assert.match(text, /1 file, \+42 -1/);
  const segments = frame.flat();
  assert.ok(segments.some((s) => s.text.includes('+export const b = 3;') && s.color === 'green'));
  assert.ok(segments.some((s) => s.text.includes('-export const b = 2;') && s.color === 'red'));
  assert.ok(segments.some((s) => s.text.includes('@@ -1,2 +1,3 @@') && s.color === 'cyan'));
  for (const s of segments) assert.doesNotMatch(s.text, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, 'no raw control character reaches the screen');
  assert.ok(text.includes('\\u001b]0;pwned\\u0007'), 'the escape sequence is shown, inert');

  const scrolled = frameText(buildFrame(press(loaded, { type: 'key.page', delta: 1 }).state));
  assert.doesNotMatch(scrolled, /1 file, \+42 -1/, 'a page down leaves the header rows behind');
  assert.match(scrolled, /\+line 1[0-9]/);
  assert.equal(press(loaded, { type: 'key.escape' }).state.ui.modal, null);
  // A late answer for a view already closed changes nothing.
  const closed = press(loaded, { type: 'key.escape' }).state;
  assert.equal(press(closed, { type: 'diff.failed', id, message: 'late' }).state.ui.modal, null);
});

test('a judgment about a task awaiting review shows its diff first; Esc goes on to the judgment, d shows it again', () => {
  const base = sampleState();
  const state: TuiState = {
    ...base,
    record: {
      ...base.record,
      tasks: [task('T-1', { status: 'review', title: 'Design it' }), ...base.record.tasks.slice(1)],
      judgments: [judgment('J-1', { taskId: 'T-1', askedBy: 'reviewer' })],
    },
  };
  const asked = press(state, { type: 'key.answer' });
  assert.deepEqual(asked.effects, [{ type: 'diff', id: 'T-1' }]);
  assert.equal(asked.state.ui.modal?.kind, 'diff');
  const failed = press(asked.state, { type: 'diff.failed', id: 'T-1', message: 'T-1 has no recorded changes' }).state;
  const text = frameText(buildFrame(failed));
  assert.match(text, /T-1 has no recorded changes/);
  assert.match(text, /Esc: on to J-1/);

  const judging = press(failed, { type: 'key.escape' }).state;
  assert.deepEqual(judging.ui.modal, { kind: 'judgment', id: 'J-1', choice: 0, text: '' });
  assert.match(frameText(buildFrame(judging)), /d what T-1 changed/);
  const again = press(judging, d);
  assert.deepEqual(again.effects, [{ type: 'diff', id: 'T-1' }]);
  assert.equal(press(again.state, { type: 'key.escape' }).state.ui.modal?.kind, 'judgment');

  // A judgment on a task that is not awaiting review opens as before.
  const plain = press(sampleState(), { type: 'key.answer' });
  assert.equal(plain.state.ui.modal?.kind, 'judgment');
  assert.deepEqual(plain.effects, []);
});

test('a diff that cannot be read says why in full, wrapped inside the box', () => {
  const start = withUi(sampleState(), { focus: 'tabs', tab: 'tasks' });
  const ref = selectedRef(start, 'tasks');
  assert.ok(ref?.type === 'task');
  const message = `${ref.id}'s linked files cannot be compared: /tmp/a-rather-long-project-folder-name is not a git repository`;
  const failed = press(press(start, d).state, { type: 'diff.failed', id: ref.id, message }).state;
  const text = frameText(buildFrame({ ...failed, size: { ...failed.size, cols: 80 } }));
  assert.match(text, /is not a git\s*│?\s*│?\s*repository/, text);
  assert.doesNotMatch(text, /reposit…/);
});

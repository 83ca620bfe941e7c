import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withUi } from '../../src/tui/state/navigate.js';
import { lineText, lineWidth } from '../../src/tui/state/text.js';
import { buildFrame } from '../../src/tui/state/view/frame.js';
import { frameText, sampleState } from './fixtures.js';

test('the frame is exactly rows - 1 lines, none wider than the terminal (rules span it)', () => {
  for (const size of [
    { cols: 100, rows: 30 },
    { cols: 80, rows: 24 },
    { cols: 160, rows: 50 },
    { cols: 61, rows: 14 },
  ]) {
    const lines = buildFrame(sampleState(size));
    assert.equal(lines.length, size.rows - 1, `${size.cols}x${size.rows}`);
    for (const line of lines) assert.ok(lineWidth(line) <= size.cols, `${size.cols}x${size.rows}: ${line.map((s) => s.text).join('')}`);
    assert.equal(lineWidth(lines[2]!), size.cols, 'the title rule spans the width');
  }
});

test('trailing blanks are dropped, and the pane is a cell of its own', () => {
  const lines = buildFrame(sampleState());
  for (const line of lines) assert.ok(!line.at(-1)?.text.endsWith(' ') || line.at(-1)?.inverse, 'no trailing blanks');
  assert.ok(
    lines[3]!.some((s) => s.cell),
    'the pane starts a cell beside the sidebar',
  );
});

test('header: project, goal, run state, tasks done/total, tokens, cost against the budget, judgments waiting', () => {
  const s = sampleState();
  const text = frameText(buildFrame({ ...s, usage: { ...s.usage, tokens: 12_345, costUsd: 0.0123, budgetUsd: 5 } }));
  assert.match(text, /Crucible {2}strkit ▸ Build strkit/);
  assert.match(text, /● running/);
  assert.match(text, /tasks 0\/3 done/);
  assert.match(text, /tokens 12k/);
  assert.match(text, /cost \$0\.0123 \/ \$5\.00/);
  assert.match(text, /⚑ 1 judgment waiting: press a/);
});

test('sidebar: number, status glyph, current task and the waiting-for-human marker', () => {
  const text = frameText(buildFrame(sampleState()));
  assert.match(text, /1 ○ planner/);
  assert.match(text, /2 ⚑ architect T-1 ⚑J-1/);
  assert.match(text, /3 ● implementer T-2/);
});

test('tabs: the judgments badge, the task board with deps, and the footer keys', () => {
  const text = frameText(buildFrame(sampleState()));
  assert.match(text, /Tasks {3}Judgments \(1\)/);
  assert.match(text, /T-3 {2}◌ blocked {5}tester {6}Test it {2}← T-1 T-2/);
  assert.match(text, /a answer · p pause · \/ search · \? help · q quit/);
});

test('the judgment modal lists the options with their trade-offs and a free-text row', () => {
  const s = withUi(sampleState(), { modal: { kind: 'judgment', id: 'J-1', choice: 1, text: '' } });
  const text = frameText(buildFrame(s));
  assert.match(text, /Judgment J-1 · asked by architect for T-1/);
  assert.match(text, /Question J-1\?/);
  assert.match(text, /1\. first way/);
  assert.match(text, /quick; rough/);
  assert.match(text, /▸ 2\. second way/);
  assert.match(text, /✎ your own answer/);
  assert.equal(buildFrame(s).length, 29);
});

test('each tab renders its rows', () => {
  const base = withUi(sampleState(), { focus: 'tabs' });
  assert.match(frameText(buildFrame(withUi(base, { tab: 'record' }))), /R-1 {2}must {3}Slugify titles.*trace R-1/);
  assert.match(frameText(buildFrame(withUi(base, { tab: 'audit' }))), /P-1 {2}open {5}M low {4}Proposal P-1/);
  assert.match(frameText(buildFrame(withUi(base, { tab: 'search' }))), /press \/ to search/);
  assert.match(frameText(buildFrame(withUi(base, { tab: 'log' }))), /No events yet/);
});

test('help, quit and detail modals', () => {
  assert.match(frameText(buildFrame(withUi(sampleState(), { modal: { kind: 'help' } }))), /Tab \/ Shift-Tab/);
  assert.match(frameText(buildFrame(withUi(sampleState(), { modal: { kind: 'quit' } }))), /Quitting stops them/);
  assert.match(
    frameText(buildFrame(withUi(sampleState(), { modal: { kind: 'detail', ref: { type: 'task', id: 'T-3' }, scroll: 0 } }))),
    /T-3 Test it[\s\S]*deps: T-1 \[in_progress\], T-2 \[in_progress\]/,
  );
});

test('a terminal that is too small is told so, the whole notice wrapped to its width', () => {
  const lines = buildFrame(sampleState({ cols: 50, rows: 10 }));
  assert.ok(lines.length > 1 && lines.length <= 9);
  assert.ok(lines.every((l) => lineText(l).length <= 50));
  assert.match(frameText(lines).replace(/\s+/g, ' '), /needs at least 60×14; this terminal is 50×10\. Enlarge it \(q quits\)\./);
});

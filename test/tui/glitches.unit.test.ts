import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBatch } from '../../src/tui/state/engine.js';
import { withUi } from '../../src/tui/state/navigate.js';
import { allRows } from '../../src/tui/state/pane.js';
import { update } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/state/text.js';
import { activityInput, applyToTranscript, emptyTranscript } from '../../src/tui/state/transcript.js';
import type { AgentActivity } from '../../src/runtime/agent-loop.js';
import type { EngineBatch, LogEntry, TuiState } from '../../src/tui/state/types.js';
import { footerKeys } from '../../src/tui/state/view/footer.js';
import { buildFrame } from '../../src/tui/state/view/frame.js';
import { helpLines } from '../../src/tui/state/view/modal.js';
import { logTab } from '../../src/tui/state/view/tab-lists.js';
import { agent, frameText, sampleState } from './fixtures.js';

// The TUI glitches of issue 19: each one as the person saw it, reproduced on the pure state and views.

const act = (activity: AgentActivity) => ({ agent: 'implementer', activity });
const batch = (patch: Partial<EngineBatch>): EngineBatch => ({ activities: [], refusals: [], events: [], ...patch });
const paneText = (s: TuiState, name = 'implementer') => allRows(s.transcripts[name] ?? emptyTranscript(), 80).map(lineText);

test('the streaming cursor goes when the turn ends, even if the last line had no newline', () => {
  const t = applyToTranscript(emptyTranscript(), [
    activityInput({ type: 'turn', turn: 3 }),
    activityInput({ type: 'text', text: 'The plan is recorded.' }),
  ]);
  assert.deepEqual(allRows(t, 40).map(lineText), ['─ turn 3', 'The plan is recorded.▍']);
  const ended = applyToTranscript(t, [activityInput({ type: 'turn.ended', turn: 3 })]);
  assert.deepEqual(allRows(ended, 40).map(lineText), ['─ turn 3', 'The plan is recorded.']);
});

test("a new job's marker goes where its first turn begins, after the end of the previous job the same batch brought", () => {
  const working = { state: 'thinking' as const, job: { kind: 'work' as const, taskId: 'T-1' } };
  let s: TuiState = { ...sampleState(), agents: [agent('implementer', working)] };
  s = applyBatch(s, batch({ activities: [act({ type: 'turn', turn: 1 }), act({ type: 'text', text: 'Designing T-1.\n' })] }));
  const next = [agent('implementer', { state: 'thinking', job: { kind: 'work', taskId: 'T-2' } })];
  s = applyBatch(
    s,
    batch({
      agents: next,
      activities: [
        act({ type: 'text', text: 'T-1 is done.' }),
        act({ type: 'turn.ended', turn: 1 }),
        act({ type: 'turn', turn: 1 }),
        act({ type: 'text', text: 'Building T-2.\n' }),
      ],
    }),
  );
  assert.deepEqual(paneText(s), ['─ turn 1', 'Designing T-1.', 'T-1 is done.', '▶ T-2 Build it', '─ turn 1', 'Building T-2.']);
});

test('a marker with no turn of its new job in the batch comes after everything the batch brought', () => {
  const s0: TuiState = { ...sampleState(), agents: [agent('implementer')] };
  const s = applyBatch(
    s0,
    batch({
      agents: [agent('implementer', { state: 'claiming', job: { kind: 'work', taskId: 'T-2' } })],
      activities: [act({ type: 'turn', turn: 4 }), act({ type: 'text', text: 'Last words of the old job.' })],
    }),
  );
  assert.deepEqual(paneText(s), ['─ turn 4', 'Last words of the old job.', '▶ T-2 Build it']);
});

test('a turn that showed nothing leaves no empty "─ turn N" row behind', () => {
  const t = applyToTranscript(emptyTranscript(), [
    activityInput({ type: 'turn', turn: 2 }),
    activityInput({ type: 'turn.ended', turn: 2 }),
    activityInput({ type: 'turn', turn: 2 }),
    activityInput({ type: 'text', text: 'retried.\n' }),
    activityInput({ type: 'turn', turn: 3 }),
  ]);
  assert.deepEqual(allRows(t, 40).map(lineText), ['─ turn 2', 'retried.', '─ turn 3']);
});

test("the Log tab's actor column never runs into the text, however long the actor or event type", () => {
  const entry = (seq: number, type: string, actor: string): LogEntry => ({
    seq,
    ts: '2026-01-01T10:00:00.000Z',
    type,
    actor,
    text: 'TEXT',
    detail: '{}',
  });
  const s = { ...sampleState(), log: [entry(1, 'task.changes_requested', 'implementer-12'), entry(2, 'task.claimed', 'x')] };
  const rows = logTab(s, { width: 100, height: 5 }).map(lineText);
  for (const row of rows.slice(0, 2)) assert.match(row, / TEXT/, row);
  assert.match(rows[0]!, /task\.changes_requested implementer-12 TEXT/);
  const narrow = logTab({ ...s, log: [entry(3, 'task.claimed', 'an-agent-with-a-very-long-name')] }, { width: 100, height: 3 });
  assert.match(lineText(narrow[0]!), /\S… TEXT/);
});

test('the help text wraps instead of being cut off, and scrolls when the terminal is short', () => {
  for (const row of helpLines(50)) assert.ok(lineText(row).length <= 50, lineText(row));
  const all = helpLines(50).map(lineText).join(' ').replace(/\s+/g, ' ');
  assert.match(all, /Tasks: board by status · Judgments · Record: requirements, decisions, trace/);
  const short = withUi(sampleState({ cols: 70, rows: 16 }), { modal: { kind: 'help' } });
  assert.match(frameText(buildFrame(short)), /Keys \(1-\d+\/\d+\)/);
  const scrolled = update(short, { type: 'key.move', delta: 1 }).state;
  assert.deepEqual(scrolled.ui.modal, { kind: 'help', scroll: 1 });
  assert.match(frameText(buildFrame(scrolled)), /Keys \(2-/);
});

test('the help box and the footer say the same thing about closing it, and it closes as they say', () => {
  const s = withUi(sampleState(), { modal: { kind: 'help' } });
  const frame = frameText(buildFrame(s));
  const footer = footerKeys(s);
  assert.match(footer, /any other key closes/);
  assert.equal(frame.split(footer).length - 1, 2, 'the footer and the box show the same words');
  for (const key of [{ type: 'key.escape' }, { type: 'key.char', char: 'x' }, { type: 'key.enter' }] as const)
    assert.equal(update(s, key).state.ui.modal, null, key.type);
});

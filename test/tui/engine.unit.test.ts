import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBatch, MAX_LOG } from '../../src/tui/state/engine.js';
import { withUi } from '../../src/tui/state/navigate.js';
import type { EngineBatch, LogEntry } from '../../src/tui/state/types.js';
import { agent, judgment, sampleState } from './fixtures.js';

const batch = (patch: Partial<EngineBatch>): EngineBatch => ({ activities: [], refusals: [], events: [], ...patch });
const entry = (seq: number): LogEntry => ({
  seq,
  ts: '2026-01-01T00:00:00.000Z',
  type: 'task.claimed',
  actor: 'x',
  text: `#${seq}`,
  detail: '{}',
});

test("activities go to their agent's transcript; refusals go to the agent that holds the task", () => {
  const s = applyBatch(
    sampleState(),
    batch({
      activities: [{ agent: 'implementer', activity: { type: 'text', text: 'working\n' } }],
      refusals: [{ agent: 'implementer', taskId: 'T-2', code: 'gate-failed', reason: 'tests fail', fix: 'fix it' }],
    }),
  );
  assert.deepEqual(
    s.transcripts.implementer?.entries.map((e) => e.kind),
    ['text', 'gate'],
  );
  assert.equal(s.transcripts.planner, undefined);
});

test('a new job adds a marker; until the person picks an agent, the selection follows who started work', () => {
  const s = sampleState();
  const next = applyBatch(
    s,
    batch({ agents: s.agents.map((a) => (a.name === 'planner' ? { ...a, state: 'thinking', job: { kind: 'plan' } } : a)) }),
  );
  assert.deepEqual(next.transcripts.planner?.entries[0], { kind: 'job', text: 'plan: Build strkit' });
  assert.equal(next.ui.agent, 0);
  const moved = applyBatch(
    withUi(next, { agent: 2, pinned: true }),
    batch({ agents: next.agents.map((a) => (a.name === 'planner' ? { ...a, job: { kind: 'work', taskId: 'T-3' } } : a)) }),
  );
  assert.equal(moved.ui.agent, 2, 'a pinned selection stays');
});

test("a claim the gate refused shows as a note in that agent's pane", () => {
  const s = sampleState();
  const busy = applyBatch(
    s,
    batch({ agents: [agent('planner', { state: 'claiming', job: { kind: 'work', taskId: 'T-3' } }), ...s.agents.slice(1)] }),
  );
  const refused = applyBatch(
    busy,
    batch({
      agents: [
        agent('planner', { state: 'idle', job: { kind: 'work', taskId: 'T-3' }, lastOutcome: 'refused: deps-not-done T-1 is not done' }),
        ...s.agents.slice(1),
      ],
    }),
  );
  assert.deepEqual(refused.transcripts.planner?.entries.at(-1), { kind: 'note', text: 'refused: deps-not-done T-1 is not done' });
});

test('the log follows new events and stays bounded', () => {
  let s = sampleState();
  s = applyBatch(s, batch({ events: Array.from({ length: 30 }, (_, i) => entry(i + 1)) }));
  assert.equal(s.ui.cursor.log, 29);
  assert.ok(s.ui.top.log > 0);
  s = applyBatch(s, batch({ events: Array.from({ length: MAX_LOG }, (_, i) => entry(i + 31)) }));
  assert.equal(s.log.length, MAX_LOG);
  assert.equal(s.log.at(-1)?.seq, MAX_LOG + 30);
});

test('a newly pending judgment raises a notice to press a', () => {
  const s = sampleState();
  const next = applyBatch(s, batch({ record: { ...s.record, judgments: [...s.record.judgments, judgment('J-2')] } }));
  assert.match(next.ui.notice?.text ?? '', /J-2 needs your judgment: press a/);
});

test('a batch with nothing in it changes nothing that views compare', () => {
  const s = sampleState();
  const next = applyBatch(s, batch({}));
  assert.equal(next.transcripts, s.transcripts);
  assert.equal(next.log, s.log);
  assert.equal(next.record, s.record);
});

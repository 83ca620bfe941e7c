// The Stats tab as pure state → lines: `s` opens it and asks the session for the usage once; the loaded turns and
// those the frames bring after are merged without doubles; the charts, the burndown and the open tasks' graph are
// drawn; Enter on a task of the graph opens it. And quitting a TUI attached to another process's run says it detaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageSample } from '../../src/app/stats.js';
import { MAX_SAMPLES } from '../../src/tui/state/stats.js';
import type { TuiState } from '../../src/tui/state/types.js';
import { buildFrame } from '../../src/tui/state/view/frame.js';
import { footerKeys } from '../../src/tui/state/view/footer.js';
import { frameText, historyEntry, keyAction, runActions, sampleState, task } from './fixtures.js';

const run = runActions;
const k = keyAction;
const sample = (seq: number, agent: string, tokens: number, costUsd: number | null, second = seq): UsageSample => ({
  seq,
  ts: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`,
  agent,
  tokens,
  costUsd,
});
const h = historyEntry;

/** Three tasks: T-1 done, T-2 in progress, T-3 waiting on T-2. */
function withTasks(): TuiState {
  const s = sampleState({ cols: 110, rows: 34 });
  return {
    ...s,
    record: {
      ...s.record,
      tasks: [
        task('T-1', { status: 'done', title: 'Design it', history: [h(1, null, 'ready'), h(5, 'ready', 'done')] }),
        task('T-2', { status: 'in_progress', title: 'Build it', history: [h(2, null, 'ready'), h(4, 'ready', 'in_progress')] }),
        task('T-3', { status: 'blocked', deps: ['T-1', 'T-2'], title: 'Test it', history: [h(3, null, 'blocked')] }),
      ],
    },
  };
}

test('s opens the Stats tab and asks for the usage once; the loaded turns and later frames merge without doubles', () => {
  const opened = run(withTasks(), k('key.stats'));
  assert.equal(opened.state.ui.tab, 'stats');
  assert.equal(opened.state.ui.focus, 'tabs');
  assert.deepEqual(opened.effects, [{ type: 'stats' }]);
  assert.equal(opened.state.stats.status, 'loading');
  assert.match(frameText(buildFrame(opened.state)), /reading the usage from the record…/);
  assert.deepEqual(run(opened.state, k('key.stats'), k('key.side', { delta: -1 }), k('key.side', { delta: 1 })).effects, [], 'asked once');

  // A frame arrives while the load runs: its turn (seq 9) is after the head the load read up to (8).
  const live = run(opened.state, {
    type: 'engine.batch',
    batch: { activities: [], refusals: [], events: [], samples: [sample(9, 'tester', 300, 0.003)] },
  }).state;
  const loaded = run(live, {
    type: 'stats.loaded',
    head: 8,
    samples: [sample(6, 'planner', 1000, 0.01), sample(8, 'implementer', 50, null)],
  });
  assert.deepEqual(
    loaded.state.stats.samples.map((s) => s.seq),
    [6, 8, 9],
  );
  // A frame repeating a turn already held adds nothing.
  const again = run(loaded.state, {
    type: 'engine.batch',
    batch: { activities: [], refusals: [], events: [], samples: [sample(9, 'tester', 300, 0.003), sample(10, 'planner', 500, 0.005)] },
  }).state;
  assert.deepEqual(
    again.stats.samples.map((s) => s.seq),
    [6, 8, 9, 10],
  );

  const text = frameText(buildFrame(again));
  assert.match(text, /Tokens and cost per agent over time \(since 2026-01-01 00:00 UTC\)/);
  // Busiest first; the tokens' sparkline and total, then the cost's.
  assert.match(text, / planner +█▁+▄ 1\.5k tokens +█▁+▄ \$0\.0150\n +tester +▁+█▁+ 300 tokens +▁+█▁+ \$0\.0030\n +implementer /);
  assert.match(text, / implementer +[▁-█]+ 50 tokens +▁+ \$0\.0000/, 'a turn of unknown price counts as 0');
  // Open tasks over time: 1, 2, 3, then T-1 done → 2.
  assert.match(text, /Burndown +▃▅█▅ {2}2 open of 3/);
  assert.match(text, /Open tasks by dependency \(2\)/);
  assert.match(text, /T-2 ● in progress Build it\n.*└ T-3 ◌ blocked Test it/);
});

test('Enter on a task of the graph opens it; a failed load says why; the samples are capped', () => {
  let s = run(withTasks(), k('key.stats'), { type: 'stats.loaded', head: 0, samples: [] }).state;
  assert.match(frameText(buildFrame(s)), /no model turns yet/);
  s = run(s, k('key.edge', { to: 'end' }), k('key.enter')).state;
  assert.deepEqual(s.ui.modal, { kind: 'detail', ref: { type: 'task', id: 'T-3' }, scroll: 0 });
  const heading = run(withTasks(), k('key.stats'), { type: 'stats.loaded', head: 0, samples: [] }, k('key.enter')).state;
  assert.equal(heading.ui.modal, null, 'a heading opens nothing');

  const failed = run(withTasks(), k('key.stats'), { type: 'stats.failed', message: 'the holder went away' }).state;
  assert.match(frameText(buildFrame(failed)), /could not read the usage: the holder went away/);

  const many = Array.from({ length: MAX_SAMPLES + 5 }, (_, i) => sample(i + 1, 'planner', 1, 0, 0));
  const capped = run(withTasks(), k('key.stats'), { type: 'stats.loaded', head: many.length, samples: many }).state;
  assert.equal(capped.stats.samples.length, MAX_SAMPLES);
  assert.equal(capped.stats.samples[0]!.seq, 6, 'the latest turns are kept');
});

test('attached to another process, quitting detaches: the prompt, the footer and the notices say the run goes on', () => {
  const who = 'crucible run (process 42)';
  const attached = run(sampleState(), {
    type: 'session.opened',
    project: { name: 'strkit', root: '/tmp/strkit', goal: 'Build strkit' },
    browse: false,
    attachedTo: who,
  }).state;
  assert.match(footerKeys(attached), /q detach$/);
  const asked = run(attached, k('key.quit')).state;
  assert.equal(asked.ui.modal?.kind, 'quit');
  const text = frameText(buildFrame(asked));
  assert.match(text, /Detach\?/);
  assert.match(
    text,
    /Agents are working in crucible run \(process 42\)\. Quitting only closes this view: that[\s│]+run and its agents go on\./,
  );
  assert.match(text, /y detach {3}n stay/);
  assert.doesNotMatch(text, /stops them|--resume/, 'it does not offer to stop what it cannot');
  assert.equal(footerKeys(asked), 'y/Enter detach (crucible run (process 42) goes on with the run) · n/Esc stay');
  const detached = run(asked, k('key.char', { char: 'y' }));
  assert.deepEqual(detached.effects, [{ type: 'quit' }]);
  assert.match(detached.state.ui.notice?.text ?? '', /^Detaching: crucible run \(process 42\) goes on with the run/);
  assert.match(run(attached, k('key.interrupt')).state.ui.notice?.text ?? '', /^Detaching/);
  const idle = { ...attached, agents: attached.agents.map((a) => ({ ...a, state: 'idle' as const })) };
  assert.equal(run(idle, k('key.quit')).state.ui.notice?.text, 'Detaching…', 'nobody working: it detaches at once');

  // In-process, the same keys stop the agents, and say so.
  const local = run(sampleState(), k('key.quit')).state;
  assert.match(frameText(buildFrame(local)), /Quit\?[\s\S]*Quitting stops them/);
  assert.match(footerKeys(local), /^y\/Enter quit \(stops the agents\)/);
});

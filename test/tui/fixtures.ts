import type { Judgment, Proposal, Requirement, Task, TaskHistoryEntry } from '../../src/record/tables.js';
import { update } from '../../src/tui/state/reducer.js';
import { initialState } from '../../src/tui/state/initial.js';
import { lineText, type Line } from '../../src/tui/state/text.js';
import type { AgentStatus, Effect, KeyAction, TuiAction, TuiState } from '../../src/tui/state/types.js';

/** Plain TUI states for the pure tests: rows built the way the record's projections shape them. */
const now = '2026-01-01T00:00:00.000Z';

export function task(id: string, patch: Partial<Task> = {}): Task {
  // Cast: the row type grows fields as the record does; the views only read the ones below.
  return <Task>{
    id,
    title: `Task ${id}`,
    description: '',
    role: 'implementer',
    deps: [],
    dependents: [],
    acceptance: ['it works'],
    requirements: [],
    decisions: [],
    reviewRequired: false,
    phaseOrder: true,
    status: 'ready',
    evidence: [],
    history: [],
    completions: 0,
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

export function judgment(id: string, patch: Partial<Judgment> = {}): Judgment {
  return {
    id,
    question: `Question ${id}?`,
    options: [
      { label: 'first way', tradeoffs: 'quick; rough' },
      { label: 'second way', tradeoffs: 'slow; careful' },
    ],
    context: 'some context',
    askedBy: 'architect',
    status: 'pending',
    askedAt: now,
    ...patch,
  };
}

export const requirement = (id: string, text: string): Requirement => ({
  id,
  text,
  priority: 'must',
  status: 'active',
  revision: 1,
  createdAt: now,
  updatedAt: now,
});

export function proposal(id: string, patch: Partial<Proposal> = {}): Proposal {
  return {
    id,
    title: `Proposal ${id}`,
    why: 'too long',
    evidence: ['src/a.ts:1-400'],
    size: 'M',
    risk: 'low',
    acceptance: ['shorter'],
    fingerprint: id,
    source: 'static',
    status: 'open',
    taskIds: [],
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

export const agent = (name: string, patch: Partial<AgentStatus> = {}): AgentStatus => ({ name, role: name, state: 'idle', ...patch });

/** A running project: three agents (one working, one waiting on J-1), three tasks, a pending judgment. */
export function sampleState(size = { cols: 100, rows: 30 }): TuiState {
  const base = initialState({ ...size, project: { name: 'strkit', root: '/tmp/strkit', goal: 'Build strkit' } });
  return {
    ...base,
    run: { kind: 'live', phase: 'running' },
    agents: [
      agent('planner'),
      agent('architect', { state: 'waitingForJudgment', job: { kind: 'work', taskId: 'T-1' }, waitingFor: 'J-1' }),
      agent('implementer', { state: 'thinking', job: { kind: 'work', taskId: 'T-2' } }),
    ],
    record: {
      ...base.record,
      tasks: [
        task('T-1', { status: 'in_progress', role: 'architect', assignee: 'architect', title: 'Design it' }),
        task('T-2', { status: 'in_progress', assignee: 'implementer', title: 'Build it' }),
        task('T-3', { status: 'blocked', deps: ['T-1', 'T-2'], title: 'Test it', role: 'tester' }),
      ],
      judgments: [judgment('J-1', { taskId: 'T-1' })],
      requirements: [requirement('R-1', 'Slugify titles')],
      proposals: [proposal('P-1')],
    },
  };
}

export const frameText = (lines: Line[]): string => lines.map(lineText).join('\n');

/** A task's status change at `seq` (its time: second `seq` of 2026-01-01). */
export const historyEntry = (seq: number, from: TaskHistoryEntry['from'], to: TaskHistoryEntry['to']): TaskHistoryEntry => ({
  seq,
  ts: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`,
  actor: 'a',
  from,
  to,
});

/** Runs actions through the reducer in order; returns the last state and every effect asked for. */
export function runActions(state: TuiState, ...actions: TuiAction[]): { state: TuiState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const action of actions) {
    const next = update(state, action);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

export const keyAction = (type: KeyAction['type'], extra: object = {}) => ({ type, ...extra }) as KeyAction;

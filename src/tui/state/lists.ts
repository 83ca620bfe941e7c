import { compareIds } from '../../record/queries.js';
import type { Decision, Judgment, Proposal, Requirement, Task } from '../../record/tables.js';
import type { DetailRef, RecordSnapshot, TabId, TuiState } from './types.js';
import { statsItems } from './stats.js';

/** The rows of each bottom tab, in the order shown; the reducer and the views share these. */
export const STATUS_ORDER = ['in_progress', 'claimed', 'review', 'ready', 'blocked', 'failed', 'done', 'cancelled'] as const;

export function sortedTasks(record: RecordSnapshot): Task[] {
  const rank = (t: Task) => STATUS_ORDER.indexOf(t.status);
  return [...record.tasks].sort((a, b) => rank(a) - rank(b) || compareIds(a.id, b.id));
}

/** Pending first (oldest first), then answered (newest first). */
export function orderedJudgments(record: RecordSnapshot): Judgment[] {
  const pending = record.judgments.filter((j) => j.status === 'pending').sort((a, b) => compareIds(a.id, b.id));
  const answered = record.judgments.filter((j) => j.status !== 'pending').sort((a, b) => compareIds(b.id, a.id));
  return [...pending, ...answered];
}

export const pendingJudgments = (record: RecordSnapshot): Judgment[] => orderedJudgments(record).filter((j) => j.status === 'pending');

export type RecordItem = { type: 'requirement'; row: Requirement } | { type: 'decision'; row: Decision };

export function recordItems(record: RecordSnapshot): RecordItem[] {
  return [
    ...[...record.requirements].sort((a, b) => compareIds(a.id, b.id)).map((row): RecordItem => ({ type: 'requirement', row })),
    ...[...record.decisions].sort((a, b) => compareIds(a.id, b.id)).map((row): RecordItem => ({ type: 'decision', row })),
  ];
}

const PROPOSAL_ORDER = ['open', 'approved', 'rejected', 'closed'] as const;
export function orderedProposals(record: RecordSnapshot): Proposal[] {
  return [...record.proposals].sort(
    (a, b) => PROPOSAL_ORDER.indexOf(a.status) - PROPOSAL_ORDER.indexOf(b.status) || compareIds(a.id, b.id),
  );
}

export function tabItemCount(state: TuiState, tab: TabId): number {
  switch (tab) {
    case 'tasks':
      return state.record.tasks.length;
    case 'judgments':
      return state.record.judgments.length;
    case 'record':
      return state.record.requirements.length + state.record.decisions.length;
    case 'search':
      return state.search.hits.length;
    case 'audit':
      return state.record.proposals.length;
    case 'log':
      return state.log.length;
    case 'stats':
      return statsItems(state).length;
  }
}

/** What Enter opens on the selected row of a tab. */
export function selectedRef(state: TuiState, tab: TabId): DetailRef | undefined {
  const i = state.ui.cursor[tab];
  switch (tab) {
    case 'tasks': {
      const t = sortedTasks(state.record)[i];
      return t && { type: 'task', id: t.id };
    }
    case 'judgments': {
      const j = orderedJudgments(state.record)[i];
      return j && { type: 'judgment', id: j.id };
    }
    case 'record': {
      const item = recordItems(state.record)[i];
      return item && { type: item.type, id: item.row.id };
    }
    case 'search':
      return state.search.hits[i] ? { type: 'hit', index: i } : undefined;
    case 'audit': {
      const p = orderedProposals(state.record)[i];
      return p && { type: 'proposal', id: p.id };
    }
    case 'log': {
      const e = state.log[i];
      return e && { type: 'event', seq: e.seq };
    }
    case 'stats': {
      const item = statsItems(state)[i];
      return item?.kind === 'task' ? { type: 'task', id: item.row.id } : undefined;
    }
  }
}

/** An agent counts as working unless it is idle, blocked or failed. */
export const workingAgents = (state: TuiState) =>
  state.run.kind === 'live' ? state.agents.filter((a) => a.state !== 'idle' && a.state !== 'blocked' && a.state !== 'failed') : [];

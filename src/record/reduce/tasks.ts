import type { RecordEventOf, TaskStatus } from '../events.js';
import { refuse } from '../refusal.js';
import type { Task } from '../tables.js';
import { checkTransition, type TaskTransitionEvent } from '../task-status.js';
import type { Tx } from '../tx.js';
import { addEdge, bumpIdCounter, requireEntity, requireNew } from './common.js';

export function depsDone(tx: Tx, task: Pick<Task, 'deps'>): boolean {
  return task.deps.every((dep) => tx.get('tasks', dep)?.status === 'done');
}

/** A copy of the task in its new status, with the transition in its history (the caller may set more of the copy's fields). */
function setStatus(task: Task, to: TaskStatus, event: { seq: number; ts: string; actor: string }, note?: string): Task {
  const entry = { seq: event.seq, ts: event.ts, actor: event.actor, from: task.status, to, ...(note ? { note } : {}) };
  return { ...task, status: to, updatedAt: event.ts, history: [...task.history, entry] };
}

export function taskCreated(tx: Tx, event: RecordEventOf<'task.created'>): void {
  const d = event.data;
  requireNew(tx, 'tasks', d.id);
  for (const dep of d.deps) {
    if (dep === d.id) refuse('self-dependency', `${d.id} cannot depend on itself`, 'remove it from --deps');
    requireEntity(tx, dep, 'dependency');
  }
  for (const r of d.requirements) requireEntity(tx, r, 'requirement');
  for (const dec of d.decisions) requireEntity(tx, dec, 'decision');
  if (d.proposalId) requireEntity(tx, d.proposalId, 'proposal');
  bumpIdCounter(tx, d.id);
  const base: Task = {
    id: d.id,
    title: d.title,
    description: d.description,
    role: d.role,
    ...(d.phase ? { phase: d.phase } : {}),
    deps: [...new Set(d.deps)],
    dependents: [],
    acceptance: d.acceptance,
    requirements: d.requirements,
    decisions: d.decisions,
    ...(d.proposalId ? { proposalId: d.proposalId } : {}),
    reviewRequired: d.reviewRequired,
    phaseOrder: d.phaseOrder,
    loopGuard: d.loopGuard,
    ...(d.gate ? { gate: d.gate } : {}),
    ...(d.ungated ? { ungated: true } : {}),
    status: 'blocked',
    evidence: [],
    history: [],
    completions: 0,
    createdAt: event.ts,
    updatedAt: event.ts,
  };
  const initial: TaskStatus = depsDone(tx, base) ? 'ready' : 'blocked';
  tx.put('tasks', d.id, {
    ...base,
    history: [{ seq: event.seq, ts: event.ts, actor: event.actor, from: null, to: initial }],
    status: initial,
  });
  for (const dep of base.deps) {
    addEdge(tx, { from: d.id, rel: 'depends_on', to: dep });
    const upstream = tx.get('tasks', dep);
    if (upstream) tx.put('tasks', dep, { ...upstream, dependents: [...upstream.dependents, d.id] });
  }
  for (const r of d.requirements) addEdge(tx, { from: d.id, rel: 'satisfies', to: r });
  for (const dec of d.decisions) addEdge(tx, { from: d.id, rel: 'implements', to: dec });
  if (d.proposalId) addEdge(tx, { from: d.id, rel: 'implements', to: d.proposalId });
}

type TransitionEvent = RecordEventOf<TaskTransitionEvent>;

export function taskTransition(tx: Tx, event: TransitionEvent): void {
  const task = tx.get('tasks', event.data.id);
  if (!task) return refuse('unknown-id', `task ${event.data.id} does not exist in the record`, 'list tasks with `crucible task list`');
  const check = checkTransition(task.id, task.status, event.type, depsDone(tx, task));
  if (!check.ok) return refuse('illegal-transition', check.reason, check.fix);

  // One new row per event (replay reduces tens of thousands of these): copied once, then its own fields set.
  const next = setStatus(task, check.to, event, noteOf(event));
  switch (event.type) {
    case 'task.claimed':
      next.assignee = event.data.assignee;
      break;
    case 'task.started':
      // The first start's baseline stands: a task released after tampering cannot launder it by being claimed again.
      if (event.data.gateFiles && !next.gateBaseline) next.gateBaseline = { seq: event.seq, files: event.data.gateFiles };
      break;
    case 'task.submitted':
    case 'task.completed': {
      const files = event.data.evidence.flatMap((e) => (e.kind === 'gate-files' ? [e.files] : [])).at(-1);
      // A passing gate's hashes of the gate-defining files become the state later completions are checked against.
      if (files) next.gateChecked = { seq: event.seq, files };
      next.evidence = [...next.evidence, ...event.data.evidence];
      if (event.type === 'task.completed') next.completions += 1;
      break;
    }
    case 'task.released':
    case 'task.reopened':
      if ('assignee' in next) {
        const { assignee: _dropped, ...rest } = next;
        tx.put('tasks', next.id, rest);
        return afterTransition(tx, rest, event);
      }
      break;
    default:
      break;
  }
  tx.put('tasks', next.id, next);
  afterTransition(tx, next, event);
}

function afterTransition(tx: Tx, task: Task, event: TransitionEvent): void {
  if (event.type === 'task.completed') unblockDependents(tx, task.id, event);
  if (event.type === 'task.reopened') reblockDependents(tx, task.id, event);
}

function noteOf(event: TransitionEvent): string | undefined {
  const data = event.data as { reason?: string };
  return data.reason;
}

function dependentsOf(tx: Tx, id: string) {
  return (tx.get('tasks', id)?.dependents ?? []).map((d) => tx.get('tasks', d)).filter((t) => t !== undefined);
}

function unblockDependents(tx: Tx, doneId: string, event: TransitionEvent): void {
  for (const task of dependentsOf(tx, doneId)) {
    if (task.status === 'blocked' && depsDone(tx, task)) {
      tx.put('tasks', task.id, setStatus(task, 'ready', event, `dependencies done (last: ${doneId})`));
    }
  }
}

function reblockDependents(tx: Tx, reopenedId: string, event: TransitionEvent): void {
  for (const task of dependentsOf(tx, reopenedId)) {
    if (task.status === 'ready') {
      tx.put('tasks', task.id, setStatus(task, 'blocked', event, `dependency ${reopenedId} reopened`));
    }
  }
}

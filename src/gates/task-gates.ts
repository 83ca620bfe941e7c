// Gates: pure functions over the record that hold a step until what it depends
// on is done and proven. A refusal is data with the exact next step.
import { PHASES, type Phase } from '../record/events.js';
import type { Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { PASS as OK, refusal, type CommandOutcome, type GateResult } from './result.js';

export type { CommandOutcome, GateResult, Refusal } from './result.js';

export interface AgentRef {
  name: string;
  role: string;
}

/** Decisions that bear on a task: its own, and those recorded for any task it depends on. */
export function decisionsFor(view: TableReader, task: Task): string[] {
  const found = new Set(task.decisions);
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const t = view.get('tasks', id);
    if (!t) return;
    for (const d of t.decisions) found.add(d);
    for (const dep of t.deps) walk(dep);
  };
  for (const dep of task.deps) walk(dep);
  for (const edge of view.rows('edges')) {
    if (edge.rel === 'implements' && edge.to.startsWith('D-') && (edge.from === task.id || seen.has(edge.from))) found.add(edge.to);
  }
  return [...found].filter((id) => view.get('decisions', id)?.status === 'active');
}

export function canClaim(view: TableReader, task: Task, agent: AgentRef): GateResult {
  if (task.role !== agent.role) {
    return refusal(
      'wrong-role',
      `${task.id} is for the ${task.role} role, not ${agent.role}`,
      `leave it to a ${task.role} agent; look for ready ${agent.role} tasks`,
    );
  }
  if (task.status === 'blocked') {
    const open = task.deps.filter((d) => view.get('tasks', d)?.status !== 'done');
    return refusal(
      'deps-not-done',
      `${task.id} depends on ${open.join(', ')}, which ${open.length === 1 ? 'is' : 'are'} not done`,
      `finish ${open.join(', ')} first; ${task.id} becomes ready by itself`,
    );
  }
  if (task.status !== 'ready') {
    return refusal(
      'not-ready',
      `${task.id} is ${task.status}${task.assignee ? ` (held by ${task.assignee})` : ''}, not ready`,
      'claim a ready task instead',
    );
  }
  if (task.phase && task.phaseOrder) {
    const earlier = earlierOpenTasks(view, task);
    if (earlier.length > 0) {
      return refusal(
        'phase-order',
        `${task.id} is in the ${task.phase} phase, but earlier-phase work is open: ${earlier.map((t) => `${t.id} (${t.phase})`).join(', ')}`,
        `finish ${earlier.map((t) => t.id).join(', ')} first`,
      );
    }
  }
  if (task.phase === 'implementation') {
    if (task.requirements.length === 0) {
      return refusal(
        'no-requirement',
        `${task.id} implements nothing the record requires: it names no requirement`,
        'add the requirement it satisfies (add_requirement) and create the task with it',
      );
    }
    if (decisionsFor(view, task).length === 0) {
      return refusal(
        'no-design-decision',
        `${task.id} cannot start before a design decision bears on it`,
        'have the architect record a decision (record_decision) for it or for a task it depends on',
      );
    }
  }
  return OK;
}

/** Open tasks of an earlier phase that share a requirement with this one (or any, if it names none). */
function earlierOpenTasks(view: TableReader, task: Task): Task[] {
  const rank = (p: Phase | undefined) => (p ? PHASES.indexOf(p) : -1);
  const mine = rank(task.phase);
  const shares = (other: Task) => task.requirements.length === 0 || other.requirements.some((r) => task.requirements.includes(r));
  return [...view.rows('tasks')].filter(
    (t) =>
      t.id !== task.id && t.status !== 'done' && t.status !== 'cancelled' && t.phase && rank(t.phase) < mine && t.phaseOrder && shares(t),
  );
}

export interface CompletionEvidence {
  commands: CommandOutcome[];
  acceptance: { criterion: string; how: string }[];
}

/** Normalizes criterion text so small differences in spacing or case still match. */
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

export function unaddressedCriteria(task: Task, evidence: CompletionEvidence): string[] {
  const addressed = new Set(evidence.acceptance.filter((a) => a.how.trim().length > 0).map((a) => norm(a.criterion)));
  return task.acceptance.filter((c, i) => !addressed.has(norm(c)) && !addressed.has(String(i + 1)));
}

export function canComplete(task: Task, agent: AgentRef, evidence: CompletionEvidence): GateResult {
  if (task.status !== 'in_progress')
    return refusal(
      'not-in-progress',
      `${task.id} is ${task.status}; only work in progress can be completed`,
      `check it with \`crucible task show ${task.id}\``,
    );
  if (task.assignee !== agent.name)
    return refusal(
      'not-assignee',
      `${task.id} is held by ${task.assignee ?? 'nobody'}, not ${agent.name}`,
      'complete only the task you claimed',
    );
  const failed = evidence.commands.find((c) => c.exitCode !== 0);
  if (failed) {
    return refusal(
      'gate-failed',
      `gate command \`${failed.command}\` exited ${failed.exitCode}:\n${failed.outputTail.trim().split('\n').slice(-25).join('\n')}`,
      'read the failure above, fix the cause (not the test), then call complete_task again',
    );
  }
  const missing = unaddressedCriteria(task, evidence);
  if (missing.length > 0) {
    return refusal(
      'criteria-unaddressed',
      `no evidence for acceptance criteria: ${missing.map((m) => `"${m}"`).join('; ')}`,
      'call complete_task again with an acceptance entry {criterion, how} for each',
    );
  }
  return OK;
}

export function canReview(task: Task, agent: AgentRef): GateResult {
  if (task.status !== 'review')
    return refusal('not-in-review', `${task.id} is ${task.status}, not waiting for review`, 'review only tasks in review');
  if (task.assignee === agent.name)
    return refusal('self-review', `${agent.name} did ${task.id} and cannot review it`, 'leave it to another reviewer');
  return OK;
}

/** A phase may begin when no task of an earlier phase is still open. */
export function canAdvancePhase(view: TableReader, to: Phase): GateResult {
  const target = PHASES.indexOf(to);
  const open = [...view.rows('tasks')].filter(
    (t) => t.phase && PHASES.indexOf(t.phase) < target && t.status !== 'done' && t.status !== 'cancelled',
  );
  if (open.length > 0)
    return refusal(
      'phase-open',
      `cannot enter ${to}: ${open.map((t) => `${t.id} (${t.phase})`).join(', ')} still open`,
      `finish ${open.map((t) => t.id).join(', ')} first`,
    );
  return OK;
}

const WRITES_CODE = new Set(['implementer', 'tester']);

/**
 * Work that passes to another role (a dependent task of another role, or a
 * review) must carry its context: the requirement (or proposal) it serves, the
 * decisions it rests on, and the files it touched, linked in the record.
 */
export function canHandOff(view: TableReader, task: Task): GateResult {
  const nextRoles = task.dependents.map((id) => view.get('tasks', id)).filter((t): t is Task => t !== undefined && t.role !== task.role);
  if (nextRoles.length === 0 && !task.reviewRequired) return OK;
  const to = task.reviewRequired ? 'the reviewer' : [...new Set(nextRoles.map((t) => t.role))].join(' and ');
  const missing: { what: string; fix: string }[] = [];
  if (task.requirements.length === 0 && !task.proposalId)
    missing.push({ what: 'the requirement it satisfies', fix: 'name the requirement (add_requirement if it is missing) in the task' });
  const designed = task.phase === 'architecture' || task.phase === 'implementation' || task.phase === 'testing';
  if (designed && !task.proposalId && decisionsFor(view, task).length === 0)
    missing.push({ what: 'the decisions it depends on', fix: 'record_decision for the choice this work rests on' });
  if (WRITES_CODE.has(task.role) || task.phase === 'implementation' || task.phase === 'testing') {
    const entities = new Set([task.id, ...task.requirements]);
    if (![...view.rows('links')].some((l) => entities.has(l.entity)))
      missing.push({ what: 'the files involved', fix: 'link_code each file you wrote or changed to this task' });
  }
  if (missing.length === 0) return OK;
  return refusal(
    'handoff-incomplete',
    `${task.id} passes to ${to} without ${missing.map((m) => m.what).join(', ')}`,
    missing.map((m) => m.fix).join('; then ') + ', and call complete_task again',
  );
}

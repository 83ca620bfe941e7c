// The human's changes to tasks, the same from every surface: add (the role must
// be an agent's, duplicates refused), edit, retry or reopen (failed or done back
// to ready, the reason recorded), release (claimed or in progress back to ready),
// cancel, and split into smaller tasks.
import { z } from 'zod';
import type { EventDraft } from '../../record/events.js';
import { PHASES } from '../../record/events.js';
import { decisionId, requirementId, taskId } from '../../record/ids.js';
import type { Task } from '../../record/tables.js';
import { duplicateTaskRefusal, findDuplicateTask } from '../../gates/duplicate-tasks.js';
import { canEditTask } from '../../gates/task-edits.js';
import { refusedError, usageError } from '../../shared/errors.js';
import { unknownRoleReason } from '../../shared/roles.js';
import type { WorkspaceServices } from '../services.js';
import { taskOrThrow } from './human-agent.js';
import { call } from './operation.js';

const reason = z.string().trim().min(1).max(2000);
const title = z.string().trim().min(1).max(300);
const changed = z.object({ id: z.string(), status: z.string(), seq: z.number().int() }).strict();

async function knownRoles(s: WorkspaceServices): Promise<string[]> {
  return [...new Set([...(await s.agents()).values()].map((a) => a.role))];
}

async function requireRole(s: WorkspaceServices, role: string): Promise<void> {
  const unknown = unknownRoleReason(role, await knownRoles(s));
  if (unknown)
    throw usageError('unknown-role', `--role: ${unknown}`, 'use one of the known roles, or add an agent file for it in .crucible/agents/');
}

export const addTaskOp = call({
  method: 'tasks.add',
  audience: 'human',
  params: z
    .object({
      // The record's own schema bounds it and names the field (`task.created: data.title`).
      title: z.string(),
      role: z.string().min(1).max(60),
      deps: z.array(taskId).max(100).default([]),
      acceptance: z.array(z.string().min(1).max(2000)).max(50).default([]),
      requirements: z.array(requirementId).max(50).default([]),
      decisions: z.array(decisionId).max(50).default([]),
      description: z.string().max(8000).default(''),
      phase: z.enum(PHASES).optional(),
      reviewRequired: z.boolean().default(false),
      ungated: z.boolean().optional(),
      /** Record it even when a task with nearly the same words exists (never when the title is the same). */
      allowSimilar: z.boolean().default(false),
    })
    .strict(),
  result: changed,
  async run({ services, actor }, { allowSimilar, ...data }) {
    await requireRole(services, data.role);
    const found = findDuplicateTask(services.ws.store.view.rows('tasks'), data);
    if (found && (found.exact || !allowSimilar)) {
      const r = duplicateTaskRefusal(found);
      throw refusedError(r.code, r.reason, found.exact ? r.fix : `${r.fix}; or pass --allow-similar if it is different work`);
    }
    const event = await services.ws.store.append({ type: 'task.created', actor, data });
    return { id: event.data.id, status: services.ws.store.view.get('tasks', event.data.id)?.status ?? 'blocked', seq: event.seq };
  },
});

export const editTaskOp = call({
  method: 'tasks.edit',
  audience: 'human',
  params: z
    .object({
      id: taskId,
      title: title.optional(),
      description: z.string().max(8000).optional(),
      acceptance: z.array(z.string().min(1).max(2000)).max(50).optional(),
      deps: z.array(taskId).max(100).optional(),
      role: z.string().min(1).max(60).optional(),
      loopGuard: z.boolean().optional(),
      reason: z.string().max(2000).optional(),
    })
    .strict(),
  result: changed,
  async run({ services, actor }, { id, reason: why, ...edit }) {
    const task = taskOrThrow(services, id);
    const gate = canEditTask(services.ws.store.view, task, edit, await knownRoles(services));
    if (!gate.ok)
      throw gate.code === 'unknown-role'
        ? usageError(gate.code, `--role: ${gate.reason}`, gate.fix)
        : refusedError(gate.code, gate.reason, gate.fix);
    const data = Object.fromEntries(Object.entries({ id, ...edit, reason: why }).filter(([, v]) => v !== undefined));
    const event = await services.ws.store.append({ type: 'task.edited', actor, data: data as { id: string } });
    return changeResult(services, task, event.seq);
  },
});

/** Failed work is released to be tried again; done (or in-review) work is reopened. Either way it is ready once its deps are done. */
export const retryTaskOp = call({
  method: 'tasks.retry',
  audience: 'human',
  params: z.object({ id: taskId, reason }).strict(),
  result: changed,
  async run({ services, actor }, { id, reason: why }) {
    const task = taskOrThrow(services, id);
    const type =
      task.status === 'failed' ? 'task.released' : task.status === 'done' || task.status === 'review' ? 'task.reopened' : undefined;
    if (!type)
      throw refusedError(
        'not-finished',
        `${id} is ${task.status}; only a failed, done or in-review task can be retried or reopened`,
        task.status === 'cancelled' ? 'add a new task for the work instead' : `it is still open: see \`crucible task show ${id}\``,
      );
    const event = await services.ws.store.append({ type, actor, data: { id, reason: why } });
    return changeResult(services, task, event.seq);
  },
});

/**
 * A claimed or in-progress task back to ready (blocked while its deps are not done), its holder dropped and the reason
 * recorded. An agent still at work on it is then refused by the completion gate (it no longer holds the task).
 */
export const releaseTaskOp = call({
  method: 'tasks.release',
  audience: 'human',
  params: z.object({ id: taskId, reason }).strict(),
  result: changed,
  async run({ services, actor }, { id, reason: why }) {
    const task = taskOrThrow(services, id);
    if (task.status !== 'claimed' && task.status !== 'in_progress')
      throw refusedError(
        'not-held',
        `${id} is ${task.status}; only a claimed or in-progress task can be released`,
        task.status === 'failed' || task.status === 'done' || task.status === 'review'
          ? `\`crucible task retry ${id} --reason "<why>"\` puts it back to ready`
          : 'nobody holds it: there is nothing to release',
      );
    const event = await services.ws.store.append({ type: 'task.released', actor, data: { id, reason: why } });
    return changeResult(services, task, event.seq);
  },
});

export const cancelTaskOp = call({
  method: 'tasks.cancel',
  audience: 'human',
  params: z.object({ id: taskId, reason }).strict(),
  result: changed,
  async run({ services, actor }, { id, reason: why }) {
    taskOrThrow(services, id);
    const event = await services.ws.store.append({ type: 'task.cancelled', actor, data: { id, reason: why } });
    return { id, status: 'cancelled', seq: event.seq };
  },
});

export const splitTaskOp = call({
  method: 'tasks.split',
  audience: 'human',
  params: z.object({ id: taskId, titles: z.array(title).min(2).max(20), reason: z.string().max(2000).optional() }).strict(),
  result: z.object({ id: z.string(), parts: z.array(z.string()), seq: z.number().int() }).strict(),
  async run({ services, actor }, { id, titles, reason: why }) {
    const task = taskOrThrow(services, id);
    const view = services.ws.store.view;
    if (!['blocked', 'ready', 'failed'].includes(task.status))
      throw refusedError(
        'task-held',
        `${id} is ${task.status}; only work nobody holds can be split`,
        `wait for it, or \`crucible task cancel ${id}\``,
      );
    const others = [...view.rows('tasks')].filter((t) => t.id !== id);
    for (const t of titles) {
      const found = findDuplicateTask(others, { title: t, role: task.role });
      if (found?.exact) {
        const r = duplicateTaskRefusal(found);
        throw refusedError(r.code, r.reason, r.fix);
      }
    }
    const first = (view.get('counters', 'id.T')?.value ?? 0) + 1;
    const parts = titles.map((_, i) => `T-${first + i}`);
    const drafts: EventDraft[] = [
      ...titles.map((t, i) => partOf(task, t, parts[i]!, actor)),
      ...dependentsOf(services, task).map((d) => ({
        type: 'task.edited' as const,
        actor,
        data: { id: d.id, deps: [...d.deps.filter((x) => x !== id), ...parts], reason: `${id} was split into ${parts.join(', ')}` },
      })),
      {
        type: 'task.cancelled',
        actor,
        data: { id, reason: why ? `split into ${parts.join(', ')}: ${why}` : `split into ${parts.join(', ')}` },
      },
    ];
    const events = await services.ws.store.appendAll(drafts);
    return { id, parts, seq: events.at(-1)?.seq ?? 0 };
  },
});

/** One part of a split: the parent's role, phase, acceptance criteria, dependencies, requirements and decisions. */
function partOf(task: Task, title: string, id: string, actor: string): EventDraft {
  return {
    type: 'task.created',
    actor,
    data: {
      id,
      title,
      role: task.role,
      description: `Part of ${task.id} "${task.title}".${task.description ? `\n${task.description}` : ''}`,
      // Each part answers to the parent's criteria: a split never sheds what the gate asked for.
      acceptance: task.acceptance,
      deps: task.deps,
      requirements: task.requirements,
      decisions: task.decisions,
      ...(task.phase ? { phase: task.phase } : {}),
      reviewRequired: task.reviewRequired,
      loopGuard: task.loopGuard,
      ...(task.gate ? { gate: task.gate } : {}),
    },
  };
}

function dependentsOf(s: WorkspaceServices, task: Task): Task[] {
  const rows = task.dependents.map((d) => s.ws.store.view.get('tasks', d));
  return rows.filter((t): t is Task => t !== undefined && t.status !== 'done' && t.status !== 'cancelled');
}

/** What a change to a task answers: the task's status once the change is recorded, and the change's sequence number. */
function changeResult(services: WorkspaceServices, task: Task, seq: number) {
  return { id: task.id, status: services.ws.store.view.get('tasks', task.id)?.status ?? task.status, seq };
}

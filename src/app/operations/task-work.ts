// A human working a task the way an agent does: find the next claimable task,
// claim it, complete it with evidence. Claim and completion run the agents' own
// claim_task and complete_task tools (human-agent.ts), so the gate commands run
// and the evidence is checked exactly as for an agent.
import { z } from 'zod';
import { taskId } from '../../record/ids.js';
import { canClaim } from '../../gates/task-gates.js';
import { explainStall, schedule } from '../../runtime/scheduler.js';
import { humanToolContext, resultOrThrow, taskOrThrow } from './human-agent.js';
import { call } from './operation.js';

const roleName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role: lowercase letters, digits and -');

export const nextTaskOp = call({
  method: 'tasks.next',
  params: z.object({ role: roleName.optional() }).strict(),
  result: z
    .object({ id: z.string().nullable(), title: z.string().nullable(), role: z.string().nullable(), why: z.array(z.string()) })
    .strict(),
  run({ ws, actor }, { role }) {
    const view = ws.store.view;
    const pick = role
      ? schedule(view, [{ name: actor, role, busy: false }], 1)[0]?.taskId
      : [...view.rows('tasks')]
          .filter((t) => t.status === 'ready')
          .sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)))
          .find((t) => canClaim(view, t, { name: actor, role: t.role }).ok)?.id;
    const task = pick ? view.get('tasks', pick) : undefined;
    if (task) return { id: task.id, title: task.title, role: task.role, why: [] };
    const roles = role ? [role] : [...new Set([...view.rows('tasks')].map((t) => t.role))];
    return {
      id: null,
      title: null,
      role: role ?? null,
      why: explainStall(
        view,
        roles.map((r) => ({ name: actor, role: r })),
      ),
    };
  },
});

export const claimTaskOp = call({
  method: 'tasks.claim',
  audience: 'human',
  params: z.object({ id: taskId }).strict(),
  result: z.object({ id: z.string(), message: z.string() }).strict(),
  async run({ services, actor, signal }, { id }) {
    const task = taskOrThrow(services, id);
    const ctx = await humanToolContext(services, actor, task, signal);
    const { executeTool } = await import('../../tools/registry.js');
    return { id, message: resultOrThrow(await executeTool('claim_task', { task_id: id }, ctx)) };
  },
});

const acceptanceEntry = z.object({ criterion: z.string().min(1).max(2000), how: z.string().min(1).max(4000) }).strict();

export const completeTaskOp = call({
  method: 'tasks.complete',
  audience: 'human',
  params: z.object({ id: taskId, acceptance: z.array(acceptanceEntry).max(50).default([]) }).strict(),
  result: z.object({ id: z.string(), status: z.string(), message: z.string() }).strict(),
  async run({ services, actor, signal }, { id, acceptance }) {
    const task = taskOrThrow(services, id);
    const ctx = await humanToolContext(services, actor, task, signal);
    // The tools (and what they load) only when a human works a task, not for every record command.
    const { executeTool } = await import('../../tools/registry.js');
    const message = resultOrThrow(await executeTool('complete_task', { task_id: id, acceptance }, ctx));
    return { id, status: services.ws.store.view.get('tasks', id)?.status ?? 'unknown', message };
  },
});

// update_task: the planner changes a task it planned (text, acceptance,
// dependencies, role, loop guard) through the same gate as the human's
// `crucible task edit` (src/gates/task-edits.ts); the record refuses held or
// closed tasks and dependency cycles.
import { z } from 'zod';
import { taskId } from '../record/ids.js';
import { canEditTask } from '../gates/task-edits.js';
import { defineTool, ok, refusal } from './types.js';

export const updateTaskTool = defineTool({
  name: 'update_task',
  description:
    'Change a task that is not done: title, description, acceptance (replaces the list), deps (replaces the list), role, ' +
    'or loop_guard false for legitimately repetitive work. Give the reason. Role and deps change only while nobody holds it.',
  kind: 'record',
  schema: z
    .object({
      task_id: taskId,
      title: z.string().min(1).max(300).optional(),
      description: z.string().max(8000).optional(),
      acceptance: z.array(z.string().min(1).max(2000)).min(1).max(30).optional(),
      deps: z.array(taskId).max(50).optional(),
      role: z.string().min(1).max(60).optional(),
      loop_guard: z.boolean().optional(),
      reason: z.string().min(1).max(2000),
    })
    .strict(),
  async run(input, ctx) {
    const task = ctx.store.view.get('tasks', input.task_id);
    if (!task) return refusal('unknown-id', `task ${input.task_id} does not exist`, 'list tasks with list_tasks');
    const { task_id: id, loop_guard, reason, ...rest } = input;
    const edit = { ...rest, ...(loop_guard === undefined ? {} : { loopGuard: loop_guard }) };
    const gate = canEditTask(ctx.store.view, task, edit, ctx.roles ?? [task.role]);
    if (!gate.ok) return gate;
    await ctx.store.append({ type: 'task.edited', actor: ctx.agent.name, data: { id, ...edit, reason } });
    return ok(`updated ${id} (${ctx.store.view.get('tasks', id)?.status ?? task.status})`, { id });
  },
});

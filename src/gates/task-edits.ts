// Gates for changing a task after it was created (the human's `task edit`, the
// planner's update_task): the role must be one an agent file defines, and a new
// title must not duplicate another task. The record refuses the rest (held or
// closed tasks, dependency cycles).
import type { Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { unknownRoleReason } from '../shared/roles.js';
import { duplicateTaskRefusal, findDuplicateTask } from './duplicate-tasks.js';
import { PASS, refusal, type GateResult } from './result.js';

export interface TaskEdit {
  title?: string | undefined;
  description?: string | undefined;
  acceptance?: string[] | undefined;
  deps?: string[] | undefined;
  role?: string | undefined;
  loopGuard?: boolean | undefined;
}

export function canEditTask(view: TableReader, task: Task, edit: TaskEdit, roles: readonly string[]): GateResult {
  if (Object.values(edit).every((v) => v === undefined))
    return refusal('nothing-to-change', `no change given for ${task.id}`, 'name what to change, e.g. --title, --role or --loop-guard off');
  if (edit.role !== undefined) {
    const unknown = unknownRoleReason(edit.role, roles);
    if (unknown) return refusal('unknown-role', unknown, 'use one of the known roles, or add an agent file for it in .crucible/agents/');
  }
  if (edit.title !== undefined || edit.role !== undefined || edit.description !== undefined || edit.acceptance !== undefined) {
    const after = {
      title: edit.title ?? task.title,
      role: edit.role ?? task.role,
      description: edit.description ?? task.description,
      acceptance: edit.acceptance ?? task.acceptance,
    };
    const others = [...view.rows('tasks')].filter((t) => t.id !== task.id);
    const found = edit.title !== undefined || edit.role !== undefined ? findDuplicateTask(others, after) : undefined;
    if (found) return duplicateTaskRefusal(found);
  }
  return PASS;
}

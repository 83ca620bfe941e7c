// The schemas of the human's changes to a task after it was created (reduced in
// reduce/task-edits.ts): kept beside events.ts, which spreads them into the one map.
import { z } from 'zod';
import { taskId } from './ids.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const TASK_EDIT_EVENTS = {
  /** The human changed what a task is (only the fields given); `deps` replaces the list. */
  'task.edited': () =>
    z.object({
      id: taskId,
      title: text(300).optional(),
      description: z.string().max(8000).optional(),
      acceptance: z.array(text(2000)).max(50).optional(),
      deps: z.array(taskId).max(100).optional(),
      role: text(60).optional(),
      loopGuard: z.boolean().optional(),
      reason: z.string().max(2000).optional(),
    }),
  /** The task will not be done: it leaves the open work (nothing may still depend on it). */
  'task.cancelled': () => z.object({ id: taskId, reason: text(2000) }),
};

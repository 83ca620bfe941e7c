// Picking a run up again: the work a stopped or crashed run left claimed goes back to the queue,
// and `run --resume` finds the goal it was given.
import type { Workspace } from '../workspace/open.js';

/** After a stop or a crash: tasks that were claimed or in progress go back to the queue. */
export async function requeueInterrupted(ws: Workspace, ours: ReadonlySet<string>): Promise<number> {
  let count = 0;
  for (const task of [...ws.store.view.rows('tasks')]) {
    // Work an outside session (MCP) holds is its own; only this run's agents' work was interrupted.
    if ((task.status === 'claimed' || task.status === 'in_progress') && task.assignee !== undefined && ours.has(task.assignee)) {
      await ws.store.append({ type: 'task.released', actor: 'coordinator', data: { id: task.id, reason: 'the run restarted; re-queued' } });
      count += 1;
    }
  }
  return count;
}

/** The goal of the most recent run, so `run --resume` needs none. */
export async function lastGoal(ws: Workspace): Promise<string | undefined> {
  let goal: string | undefined;
  for await (const event of ws.store.read()) if (event.type === 'run.started' && event.data.goal) goal = event.data.goal;
  return goal;
}

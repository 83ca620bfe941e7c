// Who works on what next: pure, so the coordinator machine stays small and the
// policy is tested on its own. A task goes to at most one agent; reviews go to
// reviewers; at most `concurrency` agents work at once.
import type { Task } from '../record/tables.js';
import type { TableReader } from '../record/tx.js';
import { compareIds } from '../record/queries.js';
import { canClaim } from '../gates/task-gates.js';

export interface AgentSlot {
  name: string;
  role: string;
  busy: boolean;
}

export type Assignment = { agent: string; taskId: string; kind: 'work' | 'review' };

export function schedule(
  view: TableReader,
  agents: readonly AgentSlot[],
  concurrency: number,
  skip: ReadonlySet<string> = new Set(),
): Assignment[] {
  let free = concurrency - agents.filter((a) => a.busy).length;
  const idle = agents.filter((a) => !a.busy);
  const taken = new Set<string>(skip);
  const out: Assignment[] = [];
  const tasks = [...view.rows('tasks')].sort((a, b) => compareIds(a.id, b.id));
  for (const agent of idle) {
    if (free <= 0) break;
    const pick = (t: Task) => !taken.has(t.id);
    const review = agent.role === 'reviewer' ? tasks.find((t) => t.status === 'review' && t.assignee !== agent.name && pick(t)) : undefined;
    const work = review ? undefined : tasks.find((t) => t.status === 'ready' && pick(t) && canClaim(view, t, agent).ok);
    const chosen = review ?? work;
    if (!chosen) continue;
    taken.add(chosen.id);
    out.push({ agent: agent.name, taskId: chosen.id, kind: review ? 'review' : 'work' });
    free -= 1;
  }
  return out;
}

/** Tasks still to do: anything not done (failed counts as open until a human decides). */
export const openTasks = (view: TableReader): Task[] =>
  [...view.rows('tasks')].filter((t) => t.status !== 'done' && t.status !== 'cancelled');

/** Why open tasks cannot move: each ready task's gate refusal, each failed task's reason. */
export function explainStall(view: TableReader, agents: readonly { name: string; role: string }[]): string[] {
  const out: string[] = [];
  for (const task of [...view.rows('tasks')].sort((a, b) => compareIds(a.id, b.id))) {
    if (task.status === 'failed') out.push(`${task.id} failed: ${task.history.at(-1)?.note ?? 'no reason recorded'}`);
    if (task.status !== 'ready') continue;
    const agent = agents.find((a) => a.role === task.role);
    if (!agent) {
      out.push(`${task.id} needs a ${task.role} agent, and there is none (add agents/${task.role}.md)`);
      continue;
    }
    const gate = canClaim(view, task, agent);
    if (!gate.ok) out.push(`${task.id} REFUSED [${gate.code}]: ${gate.reason} (fix: ${gate.fix})`);
  }
  return out;
}

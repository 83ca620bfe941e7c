// What the human changes about a task after it was created: its text, role,
// loop guard and dependencies (`task.edited`), or that it will not be done
// (`task.cancelled`). Dependencies are replaced as a whole: the trace edges and
// the dependents lists follow, and a task not yet held becomes ready or blocked
// by its new dependencies.
import type { RecordEventOf, TaskStatus } from '../events.js';
import { refuse } from '../refusal.js';
import type { Task } from '../tables.js';
import { edgeKey } from '../tables.js';
import type { Tx } from '../tx.js';
import { addEdge, requireEntity } from './common.js';
import { depsDone, taskTransition } from './tasks.js';

const UNHELD = new Set(['blocked', 'ready', 'failed']);

export function taskEdited(tx: Tx, event: RecordEventOf<'task.edited'>): void {
  const { id, reason: _reason, deps, ...fields } = event.data;
  const task = tx.get('tasks', id);
  if (!task) return refuse('unknown-id', `task ${id} does not exist in the record`, 'list tasks with `crucible task list`');
  if (task.status === 'done' || task.status === 'cancelled')
    return refuse(
      'task-closed',
      `${id} is ${task.status}; its definition is part of what was recorded`,
      `reopen it first, or add a new task`,
    );
  const changesWho = (fields.role !== undefined && fields.role !== task.role) || deps !== undefined;
  if (changesWho && !UNHELD.has(task.status))
    return refuse(
      'task-held',
      `${id} is ${task.status}${task.assignee ? ` (held by ${task.assignee})` : ''}: its role and dependencies cannot change under its agent`,
      `release it first (\`crucible task retry ${id}\` once it fails), or edit only its text`,
    );
  // What the task's gate checks (its role's gate commands, its criteria, its prerequisites) is fixed once it was worked
  // on: else a failed task could be moved to a role whose gate runs nothing, or lose the test task it waits for.
  const started = task.history.some((h) => h.to === 'claimed' || h.to === 'in_progress');
  const weakens =
    (fields.role !== undefined && fields.role !== task.role) ||
    (fields.acceptance !== undefined && fields.acceptance.join('\n') !== task.acceptance.join('\n')) ||
    (deps !== undefined && task.deps.some((d) => !deps.includes(d)));
  if (started && weakens)
    return refuse(
      'task-started',
      `${id} was already worked on: its role, acceptance criteria and dependencies are what its gate checks, so they stay`,
      `cancel it (\`crucible task cancel ${id}\`) and add a new task, or split it (\`crucible task split ${id}\`)`,
    );
  let next: Task = { ...task, ...defined(fields), updatedAt: event.ts };
  if (deps !== undefined) next = replaceDeps(tx, next, [...new Set(deps)]);
  if (next.status === 'blocked' || next.status === 'ready') {
    const to: TaskStatus = depsDone(tx, next) ? 'ready' : 'blocked';
    if (to !== next.status) {
      const entry = { seq: event.seq, ts: event.ts, actor: event.actor, from: next.status, to, note: 'dependencies edited' };
      next = { ...next, status: to, history: [...next.history, entry] };
    }
  }
  tx.put('tasks', id, next);
}

function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function replaceDeps(tx: Tx, task: Task, deps: string[]): Task {
  for (const dep of deps) {
    if (dep === task.id) refuse('self-dependency', `${task.id} cannot depend on itself`, 'remove it from --deps');
    requireEntity(tx, dep, 'dependency');
    if (dependsOn(tx, dep, task.id))
      refuse('dependency-cycle', `${task.id} cannot depend on ${dep}: ${dep} already depends on ${task.id}`, `remove ${dep} from --deps`);
  }
  for (const old of task.deps.filter((d) => !deps.includes(d))) {
    tx.delete('edges', edgeKey({ from: task.id, rel: 'depends_on', to: old }));
    const upstream = tx.get('tasks', old);
    if (upstream) tx.put('tasks', old, { ...upstream, dependents: upstream.dependents.filter((d) => d !== task.id) });
  }
  for (const added of deps.filter((d) => !task.deps.includes(d))) {
    addEdge(tx, { from: task.id, rel: 'depends_on', to: added });
    const upstream = tx.get('tasks', added);
    if (upstream) tx.put('tasks', added, { ...upstream, dependents: [...upstream.dependents, task.id] });
  }
  return { ...task, deps };
}

/** Whether `from` depends on `target`, directly or through other tasks. */
function dependsOn(tx: Tx, from: string, target: string): boolean {
  const seen = new Set<string>();
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(tx.get('tasks', id)?.deps ?? []));
  }
  return false;
}

export function taskCancelled(tx: Tx, event: RecordEventOf<'task.cancelled'>): void {
  const task = tx.get('tasks', event.data.id);
  const waiting = (task?.dependents ?? []).filter((d) => {
    const status = tx.get('tasks', d)?.status;
    return status !== undefined && status !== 'done' && status !== 'cancelled';
  });
  if (waiting.length > 0)
    return refuse(
      'has-dependents',
      `${event.data.id} cannot be cancelled: ${waiting.join(', ')} still depend${waiting.length === 1 ? 's' : ''} on it`,
      `cancel ${waiting.join(', ')} too, or edit their --deps first`,
    );
  taskTransition(tx, event);
}

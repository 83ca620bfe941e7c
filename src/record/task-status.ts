// The task status machine. Each task event names the statuses it may leave;
// the target is fixed, except where dependencies decide between ready and blocked.
import type { EventType, TaskStatus } from './events.js';

export const TASK_TRANSITIONS = {
  'task.claimed': { from: ['ready'], to: 'claimed' },
  'task.started': { from: ['claimed'], to: 'in_progress' },
  'task.submitted': { from: ['in_progress'], to: 'review' },
  'task.completed': { from: ['in_progress', 'review'], to: 'done' },
  'task.changes_requested': { from: ['review'], to: 'in_progress' },
  'task.failed': { from: ['claimed', 'in_progress', 'review'], to: 'failed' },
  'task.released': { from: ['claimed', 'in_progress', 'failed'], to: 'ready-or-blocked' },
  'task.reopened': { from: ['done', 'review'], to: 'ready-or-blocked' },
  'task.cancelled': { from: ['blocked', 'ready', 'claimed', 'in_progress', 'review', 'failed'], to: 'cancelled' },
} as const satisfies Partial<Record<EventType, { from: readonly TaskStatus[]; to: TaskStatus | 'ready-or-blocked' }>>;

export type TaskTransitionEvent = keyof typeof TASK_TRANSITIONS;

export type TransitionCheck = { ok: true; to: TaskStatus } | { ok: false; reason: string; fix: string };

const verbs: Record<TaskTransitionEvent, string> = {
  'task.claimed': 'claim',
  'task.started': 'start',
  'task.submitted': 'submit',
  'task.completed': 'complete',
  'task.changes_requested': 'request changes on',
  'task.failed': 'fail',
  'task.released': 'release',
  'task.reopened': 'reopen',
  'task.cancelled': 'cancel',
};

const hints: Partial<Record<TaskStatus, string>> = {
  blocked: 'finish its dependencies first; it becomes ready by itself',
  ready: 'claim it first',
  claimed: 'start it first',
  done: 'reopen it first if it must change',
  failed: 'release it to make it ready again',
  cancelled: 'add a new task for the work instead',
};

export function checkTransition(taskId: string, current: TaskStatus, event: TaskTransitionEvent, depsDone: boolean): TransitionCheck {
  const rule = TASK_TRANSITIONS[event];
  if (!(rule.from as readonly TaskStatus[]).includes(current)) {
    return {
      ok: false,
      reason: `cannot ${verbs[event]} ${taskId}: it is ${current}, and only a task that is ${rule.from.join(' or ')} can be`,
      fix: hints[current] ?? `check its status with \`crucible task show ${taskId}\``,
    };
  }
  const to: TaskStatus = rule.to === 'ready-or-blocked' ? (depsDone ? 'ready' : 'blocked') : rule.to;
  return { ok: true, to };
}

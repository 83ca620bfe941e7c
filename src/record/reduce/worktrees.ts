// Task worktrees: a row while the worktree exists, so `crucible status` can name the ones kept
// after a failed merge or an interrupted run.
import type { RecordEventOf } from '../events.js';
import type { Tx } from '../tx.js';

export function worktreeCreated(tx: Tx, event: RecordEventOf<'worktree.created'>): void {
  const { taskId, path, branch, base } = event.data;
  tx.put('worktrees', taskId, { taskId, path, branch, base, state: 'open', createdAt: event.ts, updatedAt: event.ts });
}

export function worktreeRemoved(tx: Tx, event: RecordEventOf<'worktree.removed'>): void {
  tx.delete('worktrees', event.data.taskId);
}

/** Merged: the worktree is no longer conflicted (its removal follows in the same batch). */
export function mergeSucceeded(tx: Tx, event: RecordEventOf<'merge.succeeded'>): void {
  const row = tx.get('worktrees', event.data.taskId);
  if (!row) return;
  const { files: _files, ...rest } = row;
  tx.put('worktrees', row.taskId, { ...rest, state: 'open', updatedAt: event.ts });
}

export function mergeConflicted(tx: Tx, event: RecordEventOf<'merge.conflicted'>): void {
  const row = tx.get('worktrees', event.data.taskId);
  if (!row) return;
  tx.put('worktrees', row.taskId, { ...row, state: 'conflicted', files: event.data.files, updatedAt: event.ts });
}

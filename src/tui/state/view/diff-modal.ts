// The diff view's state, pure: `d` opens what a task changed (the selected task
// in the Tasks tab, the task whose detail is open, or the task a judgment is
// about); a judgment on a task awaiting review opens its diff first, so the
// person sees the change before signing it off. The session loads the diff
// (effect `diff`) and answers with `diff.loaded` or `diff.failed`.
import type { TaskDiff } from '../../../app/diff/schema.js';
import { selectedRef } from '../lists.js';
import { notice, same, withUi } from '../navigate.js';
import type { KeyAction, Modal, TuiAction, TuiState, Update } from '../types.js';

export interface DiffModal {
  kind: 'diff';
  task: string;
  scroll: number;
  diff?: TaskDiff;
  error?: string;
  /** Where Esc goes back to: the judgment or detail it was opened from. */
  then?: Modal;
}

export function openDiff(state: TuiState, task: string, then?: Modal): Update {
  const modal: DiffModal = { kind: 'diff', task, scroll: 0, ...(then ? { then } : {}) };
  return { state: withUi(state, { modal }), effects: [{ type: 'diff', id: task }] };
}

/** `d`: the diff of whatever task is in front of the person, or undefined when `d` means nothing here. */
export function diffKey(state: TuiState, action: KeyAction): Update | undefined {
  if (action.type !== 'key.char' || action.char !== 'd') return undefined;
  const modal = state.ui.modal;
  if (modal?.kind === 'judgment') {
    const task = state.record.judgments.find((j) => j.id === modal.id)?.taskId;
    return task ? openDiff(state, task, modal) : same(notice(state, `${modal.id} is not about a task: there is no diff to show.`, 'warn'));
  }
  if (modal?.kind === 'detail' && modal.ref.type === 'task') return openDiff(state, modal.ref.id, modal);
  if (modal || state.search.editing) return undefined;
  const ref = state.ui.tab === 'tasks' ? selectedRef(state, 'tasks') : undefined;
  if (ref?.type === 'task') return openDiff(state, ref.id);
  return same(notice(state, 'Select a task in the Tasks tab: d shows what it changed.', 'warn'));
}

export function diffModalKeys(state: TuiState, modal: DiffModal, action: KeyAction): Update {
  const scrollTo = (scroll: number) => same(withUi(state, { modal: { ...modal, scroll: Math.max(0, scroll) } }));
  switch (action.type) {
    case 'key.move':
      return scrollTo(modal.scroll + action.delta);
    case 'key.page':
      return scrollTo(modal.scroll + action.delta * 10);
    case 'key.edge':
      return scrollTo(action.to === 'start' ? 0 : Number.MAX_SAFE_INTEGER);
    case 'key.escape':
    case 'key.enter':
    case 'key.quit':
      return same(withUi(state, { modal: modal.then ?? null }));
    default:
      return same(state);
  }
}

/** The session's answer lands in the diff view still open for that task (a late answer for a closed one is dropped). */
export function diffLoaded(state: TuiState, action: Extract<TuiAction, { type: 'diff.loaded' | 'diff.failed' }>): TuiState {
  const modal = state.ui.modal;
  if (modal?.kind !== 'diff' || modal.task !== action.id) return state;
  const { diff: _d, error: _e, ...rest } = modal;
  return withUi(state, { modal: action.type === 'diff.loaded' ? { ...rest, diff: action.diff } : { ...rest, error: action.message } });
}

/** A judgment newly opened about a task awaiting review shows that task's diff first; Esc goes on to the judgment. */
export function reviewFirst(prev: TuiState, next: Update): Update {
  const modal = next.state.ui.modal;
  const before = prev.ui.modal;
  if (modal?.kind !== 'judgment' || before?.kind === 'diff' || (before?.kind === 'judgment' && before.id === modal.id)) return next;
  const judgment = next.state.record.judgments.find((j) => j.id === modal.id);
  const task = judgment?.taskId ? next.state.record.tasks.find((t) => t.id === judgment.taskId) : undefined;
  if (!judgment || !task || !(task.status === 'review' || /review/i.test(judgment.askedBy))) return next;
  const opened = openDiff(next.state, task.id, modal);
  return {
    state: notice(opened.state, `What ${task.id} changed, before you judge: Esc goes on to ${judgment.id}.`),
    effects: [...next.effects, ...opened.effects],
  };
}

// Keys while a modal is open: the judgment prompt (options, free text, Esc
// defers), the quit confirmation, a proposal's approve/reject, help, details.
import { diffModalKeys } from './view/diff-modal.js';
import { notice, same, withUi } from './navigate.js';
import type { KeyAction, Modal, TuiState, Update } from './types.js';

const close = (state: TuiState, text?: string, tone: 'info' | 'ok' | 'warn' = 'info'): TuiState => {
  const closed = withUi(state, { modal: null });
  return text ? notice(closed, text, tone) : closed;
};

function judgmentKeys(state: TuiState, modal: Extract<Modal, { kind: 'judgment' }>, action: KeyAction): Update {
  const judgment = state.record.judgments.find((j) => j.id === modal.id);
  if (!judgment || judgment.status !== 'pending') return same(close(state, `${modal.id} is no longer waiting.`));
  const rows = judgment.options.length + 1;
  const set = (patch: Partial<typeof modal>) => same(withUi(state, { modal: { ...modal, ...patch } }));
  switch (action.type) {
    case 'key.move':
      return set({ choice: (modal.choice + action.delta + rows) % rows });
    case 'key.digit':
      return action.n <= judgment.options.length ? set({ choice: action.n - 1 }) : same(state);
    case 'key.text':
      return set({ text: modal.text + action.text });
    case 'key.backspace':
      return set({ text: [...modal.text].slice(0, -1).join('') });
    case 'key.escape':
      return same(close(state, `${modal.id} deferred: press a to answer it when you are ready.`));
    case 'key.enter': {
      const option = judgment.options[modal.choice];
      // Text typed after choosing an option is that option's note (a hint's text), not dropped.
      const typed = modal.text.trim();
      const answer = option ? (typed ? `${option.label}: ${typed}` : option.label) : typed;
      if (!answer) return same(notice(state, 'Type your answer first, or pick one of the options.', 'warn'));
      return { state: close(state, `Answering ${modal.id}: ${answer}`, 'ok'), effects: [{ type: 'answer', id: modal.id, answer }] };
    }
    default:
      return same(state);
  }
}

const PROPOSAL_CHOICES = 3;

function proposalKeys(state: TuiState, modal: Extract<Modal, { kind: 'proposal' }>, action: KeyAction): Update {
  switch (action.type) {
    case 'key.move':
    case 'key.side':
      return same(withUi(state, { modal: { ...modal, choice: (modal.choice + action.delta + PROPOSAL_CHOICES) % PROPOSAL_CHOICES } }));
    case 'key.escape':
      return same(close(state));
    case 'key.enter':
      if (modal.choice === 0)
        return {
          state: close(state, `Approving ${modal.id}: creating its tasks.`, 'ok'),
          effects: [{ type: 'proposal', id: modal.id, verdict: 'approve' }],
        };
      if (modal.choice === 1)
        return {
          state: close(state, `Rejecting ${modal.id}: it will not be proposed again.`),
          effects: [{ type: 'proposal', id: modal.id, verdict: 'reject' }],
        };
      return same(close(state));
    default:
      return same(state);
  }
}

export function modalKeys(state: TuiState, modal: Modal, action: KeyAction): Update {
  switch (modal.kind) {
    case 'judgment':
      return judgmentKeys(state, modal, action);
    case 'proposal':
      return proposalKeys(state, modal, action);
    case 'diff':
      return diffModalKeys(state, modal, action);
    case 'help':
      // Arrows and pages scroll the keys (a short terminal shows part of them); any other key closes.
      if (action.type === 'key.move' || action.type === 'key.page') {
        const step = action.type === 'key.page' ? action.delta * 10 : action.delta;
        return same(withUi(state, { modal: { ...modal, scroll: Math.max(0, (modal.scroll ?? 0) + step) } }));
      }
      return same(close(state));
    case 'quit':
      if (action.type === 'key.quit' || action.type === 'key.enter' || (action.type === 'key.char' && action.char.toLowerCase() === 'y')) {
        return { state: close(state, quitting(state)), effects: [{ type: 'quit' }] };
      }
      if (action.type === 'key.escape' || (action.type === 'key.char' && action.char.toLowerCase() === 'n')) return same(close(state));
      return same(state);
    case 'detail':
      if (action.type === 'key.move' || action.type === 'key.page') {
        const step = action.type === 'key.page' ? action.delta * 10 : action.delta;
        return same(withUi(state, { modal: { ...modal, scroll: Math.max(0, modal.scroll + step) } }));
      }
      if (action.type === 'key.escape' || action.type === 'key.enter' || action.type === 'key.quit') return same(close(state));
      return same(state);
  }
}

/** What quitting does, said in the notice: attached, this view detaches and the holder's run goes on. */
export const quitting = (state: TuiState): string =>
  state.attachedTo ? `Detaching: ${state.attachedTo} goes on with the run…` : 'Stopping the agents and quitting…';

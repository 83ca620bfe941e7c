// The one reducer: `update(state, action)` returns the next state and the
// effects to carry out (answer a judgment, pause, search, quit...). Pure.
import { diffKey, diffLoaded, reviewFirst } from './view/diff-modal.js';
import { applyBatch } from './engine.js';
import { workingAgents } from './lists.js';
import { modalKeys, quitting } from './modals.js';
import { promptKeys } from './prompt.js';
import { navigate, notice, same, setCursor, withUi } from './navigate.js';
import { runKey } from './run-key.js';
import { loadStatsWhenShown, statsFailed, statsLoaded } from './stats.js';
import type { KeyAction, TuiAction, TuiState, Update } from './types.js';

export function update(state: TuiState, action: TuiAction): Update {
  return loadStatsWhenShown(apply(state, action));
}

function apply(state: TuiState, action: TuiAction): Update {
  switch (action.type) {
    case 'engine.batch':
      return same(applyBatch(state, action.batch));
    case 'resize':
      return same(setCursor({ ...state, size: { cols: action.cols, rows: action.rows } }, state.ui.tab, state.ui.cursor[state.ui.tab]));
    case 'notice':
      return same(notice(state, action.text, action.tone));
    case 'diff.loaded':
    case 'diff.failed':
      return same(diffLoaded(state, action));
    case 'stats.loaded':
      return same(statsLoaded(state, action.head, action.samples));
    case 'stats.failed':
      return same(statsFailed(state, action.message));
    case 'vectors.fill': {
      const { vectorFill: _, ...rest } = state;
      return same(action.progress ? { ...rest, vectorFill: action.progress } : rest);
    }
    case 'session.opened':
      return same({
        ...state,
        project: action.project,
        run: action.browse ? { kind: 'browse' } : state.run,
        ...(action.attachedTo ? { attachedTo: action.attachedTo } : {}),
      });
    case 'search.results':
      if (action.query !== state.search.query) return same(state);
      return same(
        setCursor(
          {
            ...state,
            search: {
              ...state.search,
              status: 'done',
              hits: action.hits,
              ...(action.message ? { message: action.message } : { message: undefined }),
            },
          },
          'search',
          0,
        ),
      );
    case 'search.failed':
      if (action.query !== state.search.query) return same(state);
      return same({ ...state, search: { ...state.search, status: 'error', hits: [], message: action.message } });
    default:
      return reviewFirst(state, keys(state, action));
  }
}

function keys(state: TuiState, action: KeyAction): Update {
  if (action.type === 'key.interrupt') return { state: notice(state, quitting(state)), effects: [{ type: 'quit' }] };
  const modal = state.ui.modal;
  const diff = diffKey(state, action);
  if (diff) return diff;
  if (modal) return modalKeys(state, modal, action);
  if (state.prompt.editing) return promptKeys(state, action);
  if (state.search.editing) return searchKeys(state, action);
  if (action.type === 'key.quit') {
    const busy = workingAgents(state);
    if (busy.length > 0) return same(withUi(state, { modal: { kind: 'quit' } }));
    return { state: notice(state, state.attachedTo ? 'Detaching…' : 'Quitting…'), effects: [{ type: 'quit' }] };
  }
  if (action.type === 'key.run') return runKey(state);
  return navigate(state, action);
}

function searchKeys(state: TuiState, action: KeyAction): Update {
  const search = state.search;
  switch (action.type) {
    case 'key.text':
      return same({ ...state, search: { ...search, query: search.query + action.text } });
    case 'key.backspace':
      return same({ ...state, search: { ...search, query: [...search.query].slice(0, -1).join('') } });
    case 'key.escape':
      return same({ ...state, search: { ...search, editing: false } });
    case 'key.enter': {
      const query = search.query.trim();
      if (!query) return same(notice(state, 'Type what to search for, then Enter.', 'warn'));
      return {
        state: { ...state, search: { ...search, query, editing: false, status: 'running', hits: [], message: undefined } },
        effects: [{ type: 'search', query }],
      };
    }
    default:
      return navigate({ ...state, search: { ...search, editing: false } }, action);
  }
}

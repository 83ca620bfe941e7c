import { layout, tabListHeight } from './layout.js';
import { pendingJudgments, selectedRef, tabItemCount } from './lists.js';
import { paneRowCount } from './pane.js';
import { emptyTranscript } from './transcript.js';
import { FOCUS_ORDER, TABS, type KeyAction, type TabId, type Tone, type TuiState, type UiState, type Update } from './types.js';

/** Keys outside modals and text fields: focus, selection, scrolling, tabs. */
export const withUi = (state: TuiState, ui: Partial<UiState>): TuiState => ({ ...state, ui: { ...state.ui, ...ui } });
export const notice = (state: TuiState, text: string, tone: Tone = 'info'): TuiState => withUi(state, { notice: { text, tone } });
export const same = (state: TuiState): Update => ({ state, effects: [] });

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Moves a tab's cursor and keeps it inside the visible window. */
export function setCursor(state: TuiState, tab: TabId, cursor: number): TuiState {
  const count = tabItemCount(state, tab);
  const height = tabListHeight(tab, layout(state.size));
  const c = clamp(cursor, 0, Math.max(0, count - 1));
  let top = state.ui.top[tab];
  if (c < top) top = c;
  if (c >= top + height) top = c - height + 1;
  top = clamp(top, 0, Math.max(0, count - height));
  const logFollow = tab === 'log' ? c >= count - 1 : state.ui.logFollow;
  return withUi(state, { cursor: { ...state.ui.cursor, [tab]: c }, top: { ...state.ui.top, [tab]: top }, logFollow });
}

function scrollPane(state: TuiState, delta: number): TuiState {
  const agent = state.agents[state.ui.agent];
  if (!agent) return state;
  const l = layout(state.size);
  const height = l.topHeight;
  const total = paneRowCount(state.transcripts[agent.name] ?? emptyTranscript(), l.paneWidth);
  const last = Math.max(0, total - height);
  const current = state.ui.paneTop[agent.name] ?? last;
  const next = clamp(current + delta, 0, last);
  const paneTop = { ...state.ui.paneTop };
  if (next >= last) delete paneTop[agent.name];
  else paneTop[agent.name] = next;
  return withUi(state, { paneTop });
}

function pageSize(state: TuiState): number {
  const l = layout(state.size);
  return Math.max(1, (state.ui.focus === 'pane' ? l.topHeight : tabListHeight(state.ui.tab, l)) - 1);
}

function selectAgent(state: TuiState, index: number): TuiState {
  if (state.agents.length === 0) return state;
  return withUi(state, { agent: clamp(index, 0, state.agents.length - 1), pinned: true });
}

function openSelected(state: TuiState): TuiState {
  const ref = selectedRef(state, state.ui.tab);
  if (!ref) return state;
  if (ref.type === 'judgment' && state.record.judgments.find((j) => j.id === ref.id)?.status === 'pending')
    return withUi(state, { modal: { kind: 'judgment', id: ref.id, choice: 0, text: '' } });
  if (ref.type === 'proposal' && state.record.proposals.find((p) => p.id === ref.id)?.status === 'open')
    return withUi(state, { modal: { kind: 'proposal', id: ref.id, choice: 0 } });
  return withUi(state, { modal: { kind: 'detail', ref, scroll: 0 } });
}

function togglePause(state: TuiState): Update {
  const run = state.run;
  if (run.kind !== 'live') return same(notice(state, 'No run is going: nothing to pause.', 'warn'));
  if (run.phase === 'running')
    return {
      state: notice(state, 'Pausing: agents finish their current step; no new work starts. p resumes.'),
      effects: [{ type: 'pause' }],
    };
  if (run.phase === 'paused') return { state: notice(state, 'Resuming the run.'), effects: [{ type: 'resume' }] };
  if (run.phase === 'waitingForHuman') return same(notice(state, 'The run is waiting for a judgment: press a to answer it.', 'warn'));
  return same(notice(state, `The run cannot be paused while ${run.phase === 'planning' ? 'planning' : run.phase}.`, 'warn'));
}

export function answerOldest(state: TuiState): TuiState {
  const oldest = pendingJudgments(state.record)[0];
  if (!oldest) return notice(state, 'No judgment is waiting for you.');
  return withUi(state, { modal: { kind: 'judgment', id: oldest.id, choice: 0, text: '' } });
}

export function navigate(state: TuiState, action: KeyAction): Update {
  const { ui } = state;
  switch (action.type) {
    case 'key.focus': {
      const i = FOCUS_ORDER.indexOf(ui.focus);
      return same(withUi(state, { focus: FOCUS_ORDER[(i + action.delta + FOCUS_ORDER.length) % FOCUS_ORDER.length]! }));
    }
    case 'key.digit':
      return same(
        action.n <= state.agents.length ? selectAgent(state, action.n - 1) : notice(state, `There is no agent ${action.n}.`, 'warn'),
      );
    case 'key.move':
      if (ui.focus === 'agents') return same(selectAgent(state, ui.agent + action.delta));
      if (ui.focus === 'pane') return same(scrollPane(state, action.delta));
      return same(setCursor(state, ui.tab, ui.cursor[ui.tab] + action.delta));
    case 'key.page':
      if (ui.focus === 'pane') return same(scrollPane(state, action.delta * pageSize(state)));
      if (ui.focus === 'tabs') return same(setCursor(state, ui.tab, ui.cursor[ui.tab] + action.delta * pageSize(state)));
      return same(selectAgent(state, action.delta < 0 ? 0 : state.agents.length - 1));
    case 'key.edge': {
      const start = action.to === 'start';
      if (ui.focus === 'pane') return same(scrollPane(state, start ? -Infinity : Infinity));
      if (ui.focus === 'tabs') return same(setCursor(state, ui.tab, start ? 0 : Infinity));
      return same(selectAgent(state, start ? 0 : state.agents.length - 1));
    }
    case 'key.side':
      if (ui.focus === 'tabs')
        return same(withUi(state, { tab: TABS[(TABS.indexOf(ui.tab) + action.delta + TABS.length) % TABS.length]! }));
      return same(withUi(state, { focus: action.delta > 0 ? 'pane' : 'agents' }));
    case 'key.enter':
      if (ui.focus === 'agents') return same(withUi(state, { focus: 'pane' }));
      if (ui.focus === 'tabs') return same(openSelected(state));
      return same(state);
    case 'key.escape':
      return same(withUi(state, { notice: undefined }));
    case 'key.search':
      return same({ ...withUi(state, { tab: 'search', focus: 'tabs' }), search: { ...state.search, editing: true } });
    case 'key.answer':
      return same(answerOldest(state));
    case 'key.pause':
      return togglePause(state);
    case 'key.prompt':
      return same({ ...state, prompt: { ...state.prompt, editing: true, recall: null } });
    case 'key.stats':
      return same(withUi(state, { tab: 'stats', focus: 'tabs' }));
    case 'key.help':
      return same(withUi(state, { modal: { kind: 'help' } }));
    default:
      return same(state);
  }
}

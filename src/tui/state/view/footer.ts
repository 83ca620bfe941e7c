// The bottom row: the latest notice and the keys that work where the focus is, or the prompt line while typing to the team.
import { fitLine, seg, textWidth, type Color, type Line } from '../text.js';
import type { TuiState } from '../types.js';
import { HELP_CLOSE } from './modal.js';
import { PROMPT_HINT } from '../prompt.js';

/** The keys that work where the focus is, after the latest notice. */
export function footerKeys(state: TuiState): string {
  const modal = state.ui.modal;
  const quit = state.attachedTo ? 'q detach' : 'q quit';
  const global = `Tab area · i talk · a answer · ${state.run.kind === 'live' ? 'p pause' : 'r run'} · / search · ? help · ${quit}`;
  if (modal?.kind === 'judgment') return '↑↓ choose · 1-9 option · Enter answer · type on the last row for your own answer · Esc defer';
  if (modal?.kind === 'quit')
    return state.attachedTo
      ? `y/Enter detach (${state.attachedTo} goes on with the run) · n/Esc stay`
      : 'y/Enter quit (stops the agents) · n/Esc keep working';
  if (modal?.kind === 'proposal') return '←→ choose · Enter confirm · Esc cancel';
  if (modal?.kind === 'help') return HELP_CLOSE;
  if (modal) return '↑↓ PgUp/PgDn scroll · Esc close';
  if (state.prompt.editing) return PROMPT_HINT;
  if (state.search.editing) return 'type your query · Enter search · Esc stop typing';
  if (state.ui.focus === 'agents') return `↑↓ agent · 1-9 jump · → pane · ${global}`;
  if (state.ui.focus === 'pane') return `↑↓ PgUp/PgDn scroll · End follow · ${global}`;
  return `←→ tab · ↑↓ select · Enter open · ${global}`;
}

const TONE: Record<string, Color> = { info: 'cyan', ok: 'green', warn: 'yellow', error: 'red' };

/** The prompt line while the human types to the team: who a plain message goes to, the text, the cursor, the keys. */
export function promptLine(state: TuiState, width: number): Line {
  const p = state.prompt;
  const agent = state.agents[state.ui.agent];
  const target = /^[@/]/.test(p.text) ? '' : agent ? `to ${agent.name} ` : '';
  const room = Math.max(10, width - textWidth(target) - 4);
  // The end of a long line stays in view, where the cursor is.
  const shown = textWidth(p.text) > room ? `…${[...p.text].slice(-(room - 1)).join('')}` : p.text;
  return fitLine(
    [
      seg('❯ ', { color: 'cyan', bold: true }),
      seg(target, { dim: true }),
      seg(shown),
      seg('▍', { color: 'cyan' }),
      seg(p.text ? '' : ` ${PROMPT_HINT}`, { dim: true }),
    ],
    width,
  );
}

export function footerLine(state: TuiState, width: number): Line {
  if (state.prompt.editing && !state.ui.modal) return promptLine(state, width);
  const note = state.ui.notice;
  return fitLine(
    [
      ...(note ? [seg(` ${note.text} `, { color: TONE[note.tone]!, bold: true }), seg('│', { dim: true })] : []),
      seg(` ${footerKeys(state)}`, { dim: true }),
    ],
    width,
  );
}

import { fitLine, seg, type Color, type Line } from '../text.js';
import type { TuiState } from '../types.js';

/** The keys that work where the focus is, after the latest notice. */
export function footerKeys(state: TuiState): string {
  const modal = state.ui.modal;
  const global = `Tab area · a answer · ${state.run.kind === 'live' ? 'p pause' : 'r run'} · / search · ? help · q quit`;
  if (modal?.kind === 'judgment') return '↑↓ choose · 1-9 option · Enter answer · type on the last row for your own answer · Esc defer';
  if (modal?.kind === 'quit') return 'y/Enter quit (stops the agents) · n/Esc keep working';
  if (modal?.kind === 'proposal') return '←→ choose · Enter confirm · Esc cancel';
  if (modal) return '↑↓ PgUp/PgDn scroll · Esc close';
  if (state.search.editing) return 'type your query · Enter search · Esc stop typing';
  if (state.ui.focus === 'agents') return `↑↓ agent · 1-9 jump · → pane · ${global}`;
  if (state.ui.focus === 'pane') return `↑↓ PgUp/PgDn scroll · End follow · ${global}`;
  return `←→ tab · ↑↓ select · Enter open · ${global}`;
}

const TONE: Record<string, Color> = { info: 'cyan', ok: 'green', warn: 'yellow', error: 'red' };

export function footerLine(state: TuiState, width: number): Line {
  const note = state.ui.notice;
  return fitLine(
    [
      ...(note ? [seg(` ${note.text} `, { color: TONE[note.tone]!, bold: true }), seg('│', { dim: true })] : []),
      seg(` ${footerKeys(state)}`, { dim: true }),
    ],
    width,
  );
}

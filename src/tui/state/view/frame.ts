// The whole screen as lines: exactly `rows - 1` of them, laid out `cols`
// wide (trailing blanks dropped at the end). A modal is drawn over the body,
// centred.
import { layout, MIN_COLS, MIN_ROWS } from '../layout.js';
import { fitLine, mergeLine, overlayLine, seg, wrap, type Line } from '../text.js';
import type { TuiState } from '../types.js';
import { topLines } from './agents.js';
import { bottomLines } from './bottom.js';
import { footerLine } from './footer.js';
import { headerLines } from './header.js';
import { modalLines } from './modal.js';

export function buildFrame(state: TuiState): Line[] {
  const l = layout(state.size);
  if (l.tooSmall) {
    const msg = `Crucible needs at least ${MIN_COLS}×${MIN_ROWS}; this terminal is ${state.size.cols}×${state.size.rows}. Enlarge it (q quits).`;
    // Wrapped over the rows there are: on a narrow terminal one line would cut off how to fix it.
    return wrap(msg, l.cols)
      .slice(0, l.height)
      .map((row) => fitLine([seg(row, { color: 'yellow' })], l.cols));
  }
  const lines: Line[] = [
    ...headerLines(state).map((h) => fitLine(h, l.cols)),
    ...topLines(state, l),
    ...bottomLines(state, l),
    footerLine(state, l.cols),
  ];
  const modal = state.ui.modal;
  if (modal) {
    const width = Math.min(l.cols - 4, 90);
    const maxHeight = l.height - 4;
    const box = modalLines(state, modal, width, maxHeight);
    const at = Math.floor((l.cols - width) / 2);
    const top = Math.max(2, Math.floor((l.height - box.length) / 2));
    box.forEach((row, i) => {
      const y = top + i;
      if (y < lines.length - 1) lines[y] = overlayLine(lines[y]!, row, at, l.cols);
    });
  }
  return lines.slice(0, l.height).map(mergeLine);
}

// Where everything goes for a terminal size. The frame is at most rows - 1
// lines, so Ink never scrolls the screen or falls back to clearing it.
//
//   header (2) · top title (1) · agents | pane (topH) · tab bar (1) · tab content (bottomH) · footer (1)
export interface Layout {
  cols: number;
  /** Lines in the whole frame (rows - 1). */
  height: number;
  tooSmall: boolean;
  sidebarWidth: number;
  paneWidth: number;
  topHeight: number;
  bottomHeight: number;
}

export const MIN_COLS = 60;
export const MIN_ROWS = 14;

export function layout(size: { cols: number; rows: number }): Layout {
  const cols = Math.max(1, size.cols);
  const height = Math.max(1, size.rows - 1);
  const tooSmall = size.cols < MIN_COLS || size.rows < MIN_ROWS;
  const body = Math.max(0, height - 5);
  const bottomHeight = Math.max(3, Math.floor(body * 0.42));
  const topHeight = Math.max(1, body - bottomHeight);
  const sidebarWidth = Math.min(30, Math.max(18, Math.floor(cols * 0.28)));
  return { cols, height, tooSmall, sidebarWidth, paneWidth: Math.max(1, cols - sidebarWidth - 1), topHeight, bottomHeight };
}

/** Rows of a tab's list (the Tasks and Search tabs spend one on a summary or the query). */
export const tabListHeight = (tab: string, l: Layout): number =>
  Math.max(1, l.bottomHeight - (tab === 'tasks' || tab === 'search' ? 1 : 0));

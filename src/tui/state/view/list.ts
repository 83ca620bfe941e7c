import { fitLine, seg, type Line } from '../text.js';

/** A window over a list with the cursor row highlighted: only the visible rows are built. */
export interface ListWindow<T> {
  items: readonly T[];
  row: (item: T) => Line;
  cursor: number;
  top: number;
  height: number;
  width: number;
  focused: boolean;
  empty: string;
}

export function listLines<T>(w: ListWindow<T>): Line[] {
  if (w.items.length === 0) return [[seg(` ${w.empty}`, { dim: true })]];
  const top = Math.max(0, Math.min(w.top, w.items.length - w.height));
  const out: Line[] = [];
  for (let i = top; i < Math.min(w.items.length, top + w.height); i++) {
    const selected = i === w.cursor;
    const marker = seg(selected ? '▸' : ' ', selected ? { color: 'cyan', bold: true } : {});
    const row = [marker, ...w.row(w.items[i]!)];
    out.push(
      selected && w.focused
        ? fitLine(
            row.map((s) => ({ ...s, inverse: true })),
            w.width,
            { inverse: true },
          )
        : fitLine(row, w.width),
    );
  }
  return out;
}

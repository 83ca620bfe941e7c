// The selected agent's pane as rows: a virtualized window over its transcript.
// Following the end, only the last `height` rows are wrapped (walking back
// from the newest entry), so a long history costs nothing per frame.
import { seg, truncate, wrap, type Line } from './text.js';
import type { Entry, Transcript } from './transcript.js';

/** The first line of a refusal and the lines of its output that say what failed. */
function reasonLines(reason: string): string[] {
  const lines = reason.split('\n').filter((l) => l.trim() !== '');
  const telling = lines.slice(1).filter((l) => /not ok|assert|expected|actual|error|fail/i.test(l));
  return [...lines.slice(0, 1), ...(telling.length ? telling : lines.slice(1)).slice(0, 3)];
}

export function entryRows(entry: Entry, width: number): Line[] {
  switch (entry.kind) {
    case 'text':
      return wrap(entry.text, width).map((row) => [seg(row)]);
    case 'turn':
      return [[seg(`─ turn ${entry.turn}`, { dim: true })]];
    case 'tool':
      return [
        entry.ok
          ? [
              seg('⚙ ', { color: 'cyan' }),
              seg(entry.name, { color: 'cyan' }),
              seg(' ✓ ', { color: 'green' }),
              seg(truncate(entry.summary, width), { dim: true }),
            ]
          : [
              seg('✗ ', { color: 'red', bold: true }),
              seg(entry.name, { color: 'red', bold: true }),
              seg(` ${entry.summary}`, { color: 'red' }),
            ],
      ];
    case 'gate': {
      const head: Line = [
        seg(`✗ gate refused${entry.taskId ? ` ${entry.taskId}` : ''} [${entry.code}]`, { color: 'red', bold: true, inverse: true }),
      ];
      const reason = reasonLines(entry.reason);
      const fix = wrap(`fix: ${entry.fix}`, Math.max(1, width - 2));
      return [
        head,
        ...reason.map((r): Line => [seg(`  ${r}`, { color: 'red' })]),
        ...fix.map((r): Line => [seg(`→ ${r}`, { color: 'yellow', bold: true })]),
      ];
    }
    case 'retry':
      return [[seg(`↻ retry ${entry.attempt}: ${entry.message}`, { color: 'yellow' })]];
    case 'job':
      return [[seg(`▶ ${entry.text}`, { color: 'magenta', bold: true })]];
    case 'note':
      return wrap(`• ${entry.text}`, width).map((row) => [seg(row, { color: 'yellow' })]);
  }
}

function partialRows(partial: string, width: number): Line[] {
  if (partial === '') return [];
  const rows = wrap(`${partial}▍`, width);
  return rows.map((row) => [seg(row)]);
}

export interface PaneWindow {
  rows: Line[];
  /** The first row shown, when scrolled; undefined while following the end. */
  top: number | undefined;
  total: number | undefined;
}

/** Every row of a transcript (used when scrolled, and to know where "up" starts). */
export function allRows(t: Transcript, width: number): Line[] {
  const rows: Line[] = [];
  for (const entry of t.entries) rows.push(...entryRows(entry, width));
  rows.push(...partialRows(t.partial, width));
  return rows;
}

export const paneRowCount = (t: Transcript, width: number): number => allRows(t, width).length;

export function paneWindow(t: Transcript, width: number, height: number, top: number | undefined): PaneWindow {
  if (height <= 0) return { rows: [], top, total: undefined };
  if (top === undefined) {
    const rows = partialRows(t.partial, width);
    for (let i = t.entries.length - 1; i >= 0 && rows.length < height; i--) rows.unshift(...entryRows(t.entries[i]!, width));
    return { rows: rows.slice(-height), top: undefined, total: undefined };
  }
  const rows = allRows(t, width);
  const start = Math.max(0, Math.min(top, rows.length - height));
  return { rows: rows.slice(start, start + height), top: start, total: rows.length };
}

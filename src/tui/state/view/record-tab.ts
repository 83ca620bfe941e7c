import type { TraceResult } from '../../../record/queries.js';
import { recordItems, type RecordItem } from '../lists.js';
import { traceOf } from '../snapshot-reader.js';
import { fitLine, padEnd, seg, type Line } from '../text.js';
import type { TuiState } from '../types.js';
import { listLines } from './list.js';

/** Requirements and decisions on the left; the trace of the selected one on the right. */
export function traceLines(result: TraceResult): Line[] {
  const lines: Line[] = [[seg(`trace ${result.root.id}`, { bold: true, color: 'cyan' }), seg(` ${result.root.label}`, { dim: true })]];
  for (const o of result.outgoing)
    lines.push([seg(`${'  '.repeat(o.depth)}→ ${o.rel} `, { dim: true }), seg(o.node.id, { color: 'magenta' }), seg(` ${o.node.label}`)]);
  for (const i of result.incoming)
    lines.push([
      seg(`${'  '.repeat(i.depth)}← ${i.rel} `, { dim: true }),
      seg(i.node.id, { color: i.node.kind === 'code' ? 'cyan' : 'magenta' }),
      seg(i.node.kind === 'code' ? '' : ` ${i.node.label}`),
    ]);
  if (lines.length === 1) lines.push([seg('  nothing is linked to it yet', { dim: true })]);
  return lines;
}

export function recordTab(state: TuiState, box: { width: number; height: number }): Line[] {
  const items = recordItems(state.record);
  const leftWidth = Math.max(20, Math.floor(box.width * 0.45));
  const rightWidth = Math.max(0, box.width - leftWidth - 1);
  const staleReqs = new Set(state.record.stale.flatMap((s) => s.requirements));
  const staleBadge = (id: string): Line => (staleReqs.has(id) ? [seg('⚠ stale ', { color: 'red', bold: true })] : []);
  const row = (item: RecordItem): Line =>
    item.type === 'requirement'
      ? [
          seg(padEnd(item.row.id, 5), { color: 'magenta' }),
          seg(`${padEnd(item.row.priority, 7)}`, { dim: true }),
          ...staleBadge(item.row.id),
          seg(item.row.text),
        ]
      : [
          seg(padEnd(item.row.id, 5), { color: 'cyan' }),
          seg(item.row.status === 'superseded' ? 'old    ' : 'decided', { dim: true }),
          seg(` ${item.row.title}`),
        ];
  const left = listLines({
    items,
    row,
    cursor: state.ui.cursor.record,
    top: state.ui.top.record,
    height: box.height,
    width: leftWidth,
    focused: state.ui.focus === 'tabs',
    empty: 'No requirements or decisions yet.',
  });
  const selected = items[state.ui.cursor.record];
  const right = selected ? [...traceLines(traceOf(state.record, selected.row.id)), ...staleLines(state, selected.row.id)] : [];
  const out: Line[] = [];
  for (let i = 0; i < box.height; i++)
    out.push([...fitLine(left[i] ?? [], leftWidth), seg('│', { dim: true }), ...fitLine(right[i] ?? [], rightWidth)]);
  return out;
}

/** Linked code that changed since it was linked or verified, for the selected item. */
function staleLines(state: TuiState, id: string): Line[] {
  const marks = state.record.stale.filter((s) => s.requirements.includes(id) || s.tasks.includes(id));
  return marks.map((s): Line => [
    seg('⚠ stale ', { color: 'red', bold: true }),
    seg(s.where, { color: 'cyan' }),
    seg(` changed since ${s.link}; tasks ${s.tasks.join(', ') || '-'} (crucible drift --reverify)`, { dim: true }),
  ]);
}

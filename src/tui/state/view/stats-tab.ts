// The Stats tab: tokens and cost over time per agent (sparklines), the task burndown, and the open tasks'
// dependency graph — the charts of `crucible status --stats`, drawn from the same functions (src/app/stats.ts)
// over the TUI's state. Each graph row is a task: Enter opens it.
import { resample, sparkline, usageSeries } from '../../../app/stats.js';
import type { TaskStatus } from '../../../record/events.js';
import { compact, padEnd, seg, usd, type Line } from '../text.js';
import type { TuiState } from '../types.js';
import { lastOf, statsItems, type StatsItem } from '../stats.js';
import { listLines } from './list.js';
import { TASK_GLYPH } from './tab-lists.js';

/** The series for one chart width, computed once per new turn or resize rather than per frame. */
const seriesOf = lastOf(
  (samples: TuiState['stats']['samples'], chart: number) => new Map(usageSeries(samples, chart).agents.map((a) => [a.agent, a])),
);

export function statsTab(state: TuiState, box: { width: number; height: number }): Line[] {
  const items = statsItems(state);
  const names = items.flatMap((i) => (i.kind === 'usage' ? [i.agent] : []));
  const label = Math.min(16, Math.max(9, ...names.map((n) => n.length + 1)));
  // The two sparklines share what the name and the totals leave of the width.
  const chart = Math.max(6, Math.min(48, Math.floor((box.width - label - 28) / 2)));
  const series = seriesOf(state.stats.samples, chart);
  const row = (item: StatsItem): Line => {
    switch (item.kind) {
      case 'heading':
        return [seg(item.text, { bold: true, color: 'cyan' })];
      case 'note':
        return [seg(`  ${item.text}`, { dim: true })];
      case 'usage': {
        const s = series.get(item.agent);
        return [
          seg(`  ${padEnd(item.agent, label)}`, { color: 'magenta' }),
          seg(sparkline(s?.tokens ?? []), { color: 'green' }),
          seg(` ${padEnd(`${compact(s?.totalTokens ?? 0)} tokens`, 13)}`),
          seg(sparkline(s?.costUsd ?? []), { color: 'yellow' }),
          seg(` ${usd(s?.totalCostUsd ?? 0)}`),
        ];
      }
      case 'burndown': {
        const last = item.open.at(-1);
        return [
          seg('Burndown ', { bold: true, color: 'cyan' }),
          seg(`  ${' '.repeat(Math.max(0, label - 9))}`),
          seg(item.open.length ? sparkline(resample(item.open, chart * 2)) : '-', { color: 'blue' }),
          seg(last === undefined ? '  no tasks yet' : `  ${last} open of ${state.record.tasks.length}`),
        ];
      }
      case 'task': {
        const g = TASK_GLYPH[item.row.status as TaskStatus] ?? TASK_GLYPH.ready;
        return [
          seg(`  ${'  '.repeat(item.row.depth)}${item.row.depth ? '└ ' : ''}`, { dim: true }),
          seg(`${item.row.id} `),
          seg(`${g.glyph} ${g.label} `, { color: g.color }),
          seg(item.row.title, item.row.again ? { dim: true } : {}),
          seg(item.row.again ? ' (above)' : '', { dim: true }),
        ];
      }
    }
  };
  return listLines({
    items,
    row,
    cursor: state.ui.cursor.stats,
    top: state.ui.top.stats,
    height: box.height,
    width: box.width,
    focused: state.ui.focus === 'tabs',
    empty: '',
  });
}

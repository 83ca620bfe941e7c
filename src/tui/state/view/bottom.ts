import type { Layout } from '../layout.js';
import { pendingJudgments } from '../lists.js';
import { fillLine, fitLine, seg, type Line } from '../text.js';
import { TABS, type TabId, type TuiState } from '../types.js';
import { recordTab } from './record-tab.js';
import { statsTab } from './stats-tab.js';
import { auditTab, judgmentsTab, logTab, searchTab, tasksTab } from './tab-lists.js';

/** The tab bar (with the judgments badge) and the active tab's content. */
export const TAB_TITLES: Record<TabId, string> = {
  tasks: 'Tasks',
  judgments: 'Judgments',
  record: 'Record',
  search: 'Search',
  audit: 'Audit',
  log: 'Log',
  stats: 'Stats',
};

function tabBar(state: TuiState, width: number): Line {
  const focused = state.ui.focus === 'tabs';
  const line: Line = [seg('─', { dim: true })];
  const pending = pendingJudgments(state.record).length;
  const open = state.record.proposals.filter((p) => p.status === 'open').length;
  for (const tab of TABS) {
    const active = tab === state.ui.tab;
    const badge = tab === 'judgments' && pending > 0 ? ` (${pending})` : tab === 'audit' && open > 0 ? ` (${open})` : '';
    line.push(seg(' '));
    line.push(seg(` ${TAB_TITLES[tab]}`, active ? { inverse: true, bold: true, color: focused ? 'cyan' : 'white' } : { dim: !focused }));
    line.push(
      seg(`${badge} `, {
        ...(active ? { inverse: true, bold: true, color: focused ? ('cyan' as const) : ('white' as const) } : {}),
        ...(badge && tab === 'judgments' ? { color: 'yellow' as const, bold: true } : {}),
      }),
    );
  }
  line.push(seg(' '));
  return fillLine(line, width, '─', { dim: true });
}

function content(state: TuiState, box: { width: number; height: number }): Line[] {
  switch (state.ui.tab) {
    case 'tasks':
      return tasksTab(state, box);
    case 'judgments':
      return judgmentsTab(state, box);
    case 'record':
      return recordTab(state, box);
    case 'search':
      return searchTab(state, box);
    case 'audit':
      return auditTab(state, box);
    case 'log':
      return logTab(state, box);
    case 'stats':
      return statsTab(state, box);
  }
}

export function bottomLines(state: TuiState, l: Layout): Line[] {
  const body = content(state, { width: l.cols, height: l.bottomHeight });
  const lines: Line[] = [tabBar(state, l.cols)];
  for (let i = 0; i < l.bottomHeight; i++) lines.push(fitLine(body[i] ?? [], l.cols));
  return lines;
}

import type { TaskStatus } from '../../../record/events.js';
import type { Task } from '../../../record/tables.js';
import { orderedJudgments, orderedProposals, sortedTasks, STATUS_ORDER } from '../lists.js';
import { padEnd, seg, type Color, type Line } from '../text.js';
import type { LogEntry, SearchHit, TabId, TuiState } from '../types.js';
import { listLines } from './list.js';

/** The bottom tabs that are plain lists: Tasks, Judgments, Search, Audit, Log. */
export const TASK_GLYPH: Record<TaskStatus, { glyph: string; color: Color; label: string }> = {
  in_progress: { glyph: '●', color: 'green', label: 'in progress' },
  claimed: { glyph: '◔', color: 'cyan', label: 'claimed' },
  review: { glyph: '◑', color: 'magenta', label: 'review' },
  ready: { glyph: '○', color: 'white', label: 'ready' },
  blocked: { glyph: '◌', color: 'gray', label: 'blocked' },
  failed: { glyph: '✗', color: 'red', label: 'failed' },
  done: { glyph: '✓', color: 'green', label: 'done' },
  cancelled: { glyph: '–', color: 'gray', label: 'cancelled' },
};

interface Box {
  width: number;
  height: number;
}

const common = (state: TuiState, tab: TabId, box: Box) => ({
  cursor: state.ui.cursor[tab],
  top: state.ui.top[tab],
  height: box.height,
  width: box.width,
  focused: state.ui.focus === 'tabs',
});

export function tasksTab(state: TuiState, box: Box): Line[] {
  const tasks = sortedTasks(state.record);
  const byId = new Map(state.record.tasks.map((t) => [t.id, t]));
  const counts: Line = [seg(' ')];
  for (const status of STATUS_ORDER) {
    const n = tasks.filter((t) => t.status === status).length;
    const g = TASK_GLYPH[status];
    counts.push(seg(`${g.glyph} ${g.label} ${n}   `, n > 0 ? { color: g.color } : { dim: true }));
  }
  const row = (t: Task): Line => {
    const g = TASK_GLYPH[t.status];
    const deps = t.deps.map((d) => `${d}${byId.get(d)?.status === 'done' ? '✓' : ''}`).join(' ');
    return [
      seg(padEnd(t.id, 5)),
      seg(`${g.glyph} ${padEnd(g.label, 12)}`, { color: g.color }),
      seg(padEnd(t.role, 12), { color: 'magenta' }),
      seg(t.title),
      seg(deps ? `  ← ${deps}` : '', { dim: true }),
      seg(t.assignee && t.status !== 'done' ? `  @${t.assignee}` : '', { color: 'cyan' }),
    ];
  };
  const empty = state.run.kind === 'live' ? 'No tasks yet: the planner is turning the goal into tasks.' : 'No tasks in the record.';
  return [counts, ...listLines({ ...common(state, 'tasks', { ...box, height: box.height - 1 }), items: tasks, row, empty })];
}

export function judgmentsTab(state: TuiState, box: Box): Line[] {
  const items = orderedJudgments(state.record);
  return listLines({
    ...common(state, 'judgments', box),
    items,
    empty: 'No judgment calls yet.',
    row: (j) =>
      j.status === 'pending'
        ? [
            seg(padEnd(j.id, 5)),
            seg('⚑ waiting  ', { color: 'yellow', bold: true }),
            seg(`${j.askedBy}${j.taskId ? ` (${j.taskId})` : ''}: `, { dim: true }),
            seg(j.question),
            seg('  Enter to answer', { color: 'yellow' }),
          ]
        : [
            seg(padEnd(j.id, 5)),
            seg('✓ answered ', { color: 'green' }),
            seg(j.question, { dim: true }),
            seg(` → ${j.answer ?? ''}`, { bold: true }),
            seg(j.answeredBy ? ` by ${j.answeredBy}` : '', { dim: true }),
          ],
  });
}

export function searchTab(state: TuiState, box: Box): Line[] {
  const { search } = state;
  const status =
    search.status === 'running'
      ? ' searching…'
      : search.status === 'error'
        ? ` ${search.message ?? 'search failed'}`
        : search.status === 'done'
          ? ` ${search.hits.length} hit${search.hits.length === 1 ? '' : 's'}${search.message ? ` · ${search.message}` : ''}`
          : '';
  const query: Line = search.editing
    ? [
        seg(' / ', { color: 'cyan', bold: true }),
        seg(search.query),
        seg('▍', { color: 'cyan' }),
        seg('   Enter searches, Esc stops typing', { dim: true }),
      ]
    : [
        seg(' / ', { color: 'cyan' }),
        seg(search.query || 'press / to search the index and the record', { dim: !search.query }),
        seg(status, { color: search.status === 'error' ? 'red' : 'gray' }),
      ];
  const row = (h: SearchHit): Line => [
    seg(h.ref, { color: h.source === 'index' ? 'cyan' : 'magenta', bold: true }),
    seg(`  ${h.title}`),
    seg(`  ${h.snippet.replace(/\s+/g, ' ')}`, { dim: true }),
  ];
  const empty = search.status === 'done' ? 'Nothing found.' : '';
  return [
    query,
    ...(empty || search.hits.length
      ? listLines({ ...common(state, 'search', { ...box, height: box.height - 1 }), items: search.hits, row, empty })
      : []),
  ];
}

export function auditTab(state: TuiState, box: Box): Line[] {
  const color = { open: 'yellow', approved: 'green', rejected: 'gray', closed: 'gray' } as const;
  return listLines({
    ...common(state, 'audit', box),
    items: orderedProposals(state.record),
    empty: 'No proposals. `crucible audit` analyzes the code and records them here.',
    row: (p) => [
      seg(padEnd(p.id, 5)),
      seg(padEnd(p.status, 9), { color: color[p.status] }),
      seg(`${p.size} ${padEnd(p.risk, 7)}`, { dim: true }),
      seg(p.title),
      seg(p.status === 'open' ? '  Enter: approve or reject' : p.taskIds.length ? `  → ${p.taskIds.join(' ')}` : '', { dim: true }),
    ],
  });
}

/** A column's text cut to leave at least one space before the next column, so long values never run into it. */
export const column = (text: string, width: number): string => `${padEnd(text, width - 1)} `;

/** The Log tab's type and actor columns: as wide as their longest value (within bounds), plus the gap. */
export function logColumns(log: readonly LogEntry[]): { type: number; actor: number } {
  const longest = (pick: (e: LogEntry) => string, min: number, max: number) =>
    Math.min(
      max,
      log.reduce((n, e) => Math.max(n, [...pick(e)].length), min),
    ) + 1;
  return { type: longest((e) => e.type, 12, 22), actor: longest((e) => e.actor, 8, 16) };
}

export function logTab(state: TuiState, box: Box): Line[] {
  const color = (e: LogEntry): Color =>
    e.text.includes('REFUSED')
      ? 'red'
      : e.type.startsWith('gate')
        ? 'green'
        : e.type.startsWith('judgment')
          ? 'yellow'
          : e.type.startsWith('task')
            ? 'green'
            : e.type.startsWith('model')
              ? 'gray'
              : 'cyan';
  const widths = logColumns(state.log);
  return listLines({
    ...common(state, 'log', box),
    items: state.log,
    empty: 'No events yet.',
    row: (e: LogEntry) => [
      seg(column(`#${e.seq}`, 6), { dim: true }),
      seg(`${e.ts.slice(11, 19)} `, { dim: true }),
      seg(column(e.type, widths.type), { color: color(e) }),
      seg(column(e.actor, widths.actor), { color: 'magenta' }),
      seg(e.text),
    ],
  });
}

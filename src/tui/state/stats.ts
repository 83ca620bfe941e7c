// The Stats tab's data in the state: the usage samples are read once, the first time the tab is shown (the
// whole log is read for them, so not at start-up), and kept up with the model turns each batch brings.
import { burndown, graphRows, openTaskGraph, type GraphRow, type UsageSample } from '../../app/stats.js';
import type { StatsState, TuiState, Update } from './types.js';

/** The latest turns kept for the charts (a long run's first turns drop off the left of the sparklines). */
export const MAX_SAMPLES = 20_000;

const latest = (samples: UsageSample[]) => (samples.length > MAX_SAMPLES ? samples.slice(-MAX_SAMPLES) : samples);

/** New turns after those the state holds (a frame can repeat what the load already read). */
export function addSamples(stats: StatsState, samples: readonly UsageSample[]): StatsState {
  const last = stats.samples.at(-1)?.seq ?? 0;
  const fresh = samples.filter((s) => s.seq > last);
  return fresh.length === 0 ? stats : { ...stats, samples: latest([...stats.samples, ...fresh]) };
}

/** The log's turns up to `head`, then those the batches brought since. */
export function statsLoaded(state: TuiState, head: number, samples: readonly UsageSample[]): TuiState {
  const since = state.stats.samples.filter((s) => s.seq > head);
  return { ...state, stats: { status: 'ready', samples: latest([...samples, ...since]) } };
}

export const statsFailed = (state: TuiState, message: string): TuiState => ({
  ...state,
  stats: { ...state.stats, status: 'error', message },
});

/** The first time the Stats tab is shown, ask the session for the usage so far. */
export function loadStatsWhenShown(update: Update): Update {
  const { state } = update;
  if (state.ui.tab !== 'stats' || state.stats.status !== 'idle') return update;
  return { state: { ...state, stats: { ...state.stats, status: 'loading' } }, effects: [...update.effects, { type: 'stats' }] };
}

export type StatsItem =
  | { kind: 'heading'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'usage'; agent: string }
  | { kind: 'burndown'; open: number[] }
  | { kind: 'task'; row: GraphRow };

let memo: { key: readonly unknown[]; items: StatsItem[] } | undefined;

/** The tab's rows, the same for every width (the cursor and Enter use them); rebuilt only when the data changes. */
export function statsItems(state: TuiState): StatsItem[] {
  const key = [state.stats.samples, state.stats.status, state.record.tasks];
  if (memo && memo.key.every((k, i) => k === key[i])) return memo.items;
  const items = buildItems(state);
  memo = { key, items };
  return items;
}

function buildItems(state: TuiState): StatsItem[] {
  const { stats, record } = state;
  const totals = new Map<string, number>();
  for (const s of stats.samples) totals.set(s.agent, (totals.get(s.agent) ?? 0) + s.tokens);
  const agents = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([agent]) => agent);
  const usage = (): StatsItem[] => {
    if (agents.length > 0) return agents.map((agent) => ({ kind: 'usage', agent }));
    if (stats.status === 'loading' || stats.status === 'idle') return [{ kind: 'note', text: 'reading the usage from the record…' }];
    if (stats.status === 'error') return [{ kind: 'note', text: `could not read the usage: ${stats.message ?? 'unknown error'}` }];
    return [{ kind: 'note', text: 'no model turns yet' }];
  };
  const since = stats.samples[0] ? ` (since ${stats.samples[0].ts.slice(0, 16).replace('T', ' ')} UTC)` : '';
  const graph = graphRows(openTaskGraph(record.tasks));
  return [
    { kind: 'burndown', open: burndown(record.tasks).map((p) => p.open) },
    { kind: 'heading', text: `Tokens and cost per agent over time${since}` },
    ...usage(),
    { kind: 'heading', text: `Open tasks by dependency (${new Set(graph.map((r) => r.id)).size})` },
    ...(graph.length ? graph.map((row): StatsItem => ({ kind: 'task', row })) : [{ kind: 'note' as const, text: 'no open tasks' }]),
  ];
}

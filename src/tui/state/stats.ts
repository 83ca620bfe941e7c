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

/** The last result of `compute` for the same inputs (compared by identity): the views run on every frame. */
export function lastOf<K extends readonly unknown[], V>(compute: (...key: K) => V): (...key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (...key: K) => {
    if (last && last.key.length === key.length && last.key.every((k, i) => k === key[i])) return last.value;
    last = { key, value: compute(...key) };
    return last.value;
  };
}

/** The agents by tokens spent, the busiest first (samples change once per model turn, not per frame). */
const agentsByTokens = lastOf((samples: readonly UsageSample[]): string[] => {
  const totals = new Map<string, number>();
  for (const s of samples) totals.set(s.agent, (totals.get(s.agent) ?? 0) + s.tokens);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([agent]) => agent);
});

const memoItems = lastOf(
  (samples: StatsState['samples'], status: StatsState['status'], message: string | undefined, tasks: TuiState['record']['tasks']) =>
    buildItems(agentsByTokens(samples), samples, status, message, tasks),
);

/** The tab's rows, the same for every width (the cursor and Enter use them); rebuilt only when the data changes. */
export const statsItems = (state: TuiState): StatsItem[] =>
  memoItems(state.stats.samples, state.stats.status, state.stats.message, state.record.tasks);

function buildItems(
  agents: string[],
  samples: readonly UsageSample[],
  status: StatsState['status'],
  message: string | undefined,
  tasks: TuiState['record']['tasks'],
): StatsItem[] {
  const usage = (): StatsItem[] => {
    if (agents.length > 0) return agents.map((agent) => ({ kind: 'usage', agent }));
    if (status === 'loading' || status === 'idle') return [{ kind: 'note', text: 'reading the usage from the record…' }];
    if (status === 'error') return [{ kind: 'note', text: `could not read the usage: ${message ?? 'unknown error'}` }];
    return [{ kind: 'note', text: 'no model turns yet' }];
  };
  const since = samples[0] ? ` (since ${samples[0].ts.slice(0, 16).replace('T', ' ')} UTC)` : '';
  const graph = graphRows(openTaskGraph(tasks));
  return [
    { kind: 'burndown', open: burndown(tasks).map((p) => p.open) },
    { kind: 'heading', text: `Tokens and cost per agent over time${since}` },
    ...usage(),
    { kind: 'heading', text: `Open tasks by dependency (${new Set(graph.map((r) => r.id)).size})` },
    ...(graph.length ? graph.map((row): StatsItem => ({ kind: 'task', row })) : [{ kind: 'note' as const, text: 'no open tasks' }]),
  ];
}

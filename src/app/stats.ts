// The project's charts as data: tokens and cost over time per agent (one definition of tokens, as `crucible
// status` counts them: fresh input + cache writes + cache reads + output), a task burndown, and the dependency
// graph of the open tasks. Pure: the caller hands in the tasks and the usage samples (one per model.usage
// event of the log), so `crucible status --stats` and the TUI's Stats tab draw the same data.
import type { RecordEvent, RecordEventOf } from '../record/events.js';
import type { Task } from '../record/tables.js';

/** One model turn's usage, as the charts need it (what `stats.usage` sends over the socket). */
export interface UsageSample {
  seq: number;
  ts: string;
  agent: string;
  tokens: number;
  /** Null when the model's price is unknown (counted as 0 in the charts). */
  costUsd: number | null;
}

export interface AgentSeries {
  agent: string;
  /** Per time bucket, oldest first. */
  tokens: number[];
  costUsd: number[];
  totalTokens: number;
  totalCostUsd: number;
}

export interface ProjectStats {
  /** The buckets' start times (ISO), oldest first; every series has one value per bucket. */
  buckets: string[];
  agents: AgentSeries[];
  /** Open tasks (not done, not cancelled) after each change in their number, oldest first. */
  burndown: { ts: string; open: number }[];
  /** Each open task with the open tasks it waits on. */
  openGraph: { id: string; title: string; status: string; waitsOn: string[] }[];
}

const OPEN = (status: string) => status !== 'done' && status !== 'cancelled';

export const usageTokens = (d: RecordEventOf<'model.usage'>['data']): number =>
  d.inputTokens + d.cacheCreationTokens + d.cacheReadTokens + d.outputTokens;

export const usageSample = (e: RecordEventOf<'model.usage'>): UsageSample => ({
  seq: e.seq,
  ts: e.ts,
  agent: e.data.agent,
  tokens: usageTokens(e.data),
  costUsd: e.data.costUsd ?? null,
});

/** The usage samples among some events (a live frame's, a page of the log). */
export const usageSamplesOf = (events: readonly RecordEvent[]): UsageSample[] =>
  events.flatMap((e) => (e.type === 'model.usage' ? [usageSample(e)] : []));

/** Usage split into `count` equal time buckets between the first and the last turn. */
export function usageSeries(samples: readonly UsageSample[], count = 24): Pick<ProjectStats, 'buckets' | 'agents'> {
  if (samples.length === 0) return { buckets: [], agents: [] };
  const times = samples.map((e) => Date.parse(e.ts));
  const start = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - start + 1);
  const n = Math.max(1, count);
  const buckets = Array.from({ length: n }, (_, i) => new Date(start + Math.floor((span * i) / n)).toISOString());
  const byAgent = new Map<string, AgentSeries>();
  samples.forEach((e, i) => {
    const series = byAgent.get(e.agent) ?? {
      agent: e.agent,
      tokens: new Array<number>(n).fill(0),
      costUsd: new Array<number>(n).fill(0),
      totalTokens: 0,
      totalCostUsd: 0,
    };
    const at = Math.min(n - 1, Math.floor(((times[i]! - start) * n) / span));
    const tokens = e.tokens;
    const cost = e.costUsd ?? 0;
    series.tokens[at]! += tokens;
    series.costUsd[at]! += cost;
    series.totalTokens += tokens;
    series.totalCostUsd += cost;
    byAgent.set(e.agent, series);
  });
  return { buckets, agents: [...byAgent.values()].sort((a, b) => b.totalTokens - a.totalTokens || a.agent.localeCompare(b.agent)) };
}

/** How many tasks were open after each task change, from the tasks' own histories. */
export function burndown(tasks: readonly Task[]): ProjectStats['burndown'] {
  const changes = tasks
    .flatMap((t) =>
      t.history.map((h) => ({ seq: h.seq, ts: h.ts, delta: (OPEN(h.to) ? 1 : 0) - (h.from === null || !OPEN(h.from) ? 0 : 1) })),
    )
    .filter((c) => c.delta !== 0)
    .sort((a, b) => a.seq - b.seq);
  let open = 0;
  return changes.map((c) => ({ ts: c.ts, open: (open += c.delta) }));
}

export function openTaskGraph(tasks: readonly Task[]): ProjectStats['openGraph'] {
  const open = new Map(tasks.filter((t) => OPEN(t.status)).map((t) => [t.id, t]));
  return [...open.values()].map((t) => ({ id: t.id, title: t.title, status: t.status, waitsOn: t.deps.filter((d) => open.has(d)) }));
}

export function projectStats(tasks: readonly Task[], usage: readonly UsageSample[], buckets = 24): ProjectStats {
  return { ...usageSeries(usage, buckets), burndown: burndown(tasks), openGraph: openTaskGraph(tasks) };
}

const BARS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled to the largest (zero is the lowest bar). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))])).join('');
}

/** At most `count` values, evenly picked and always keeping the last (a long burndown still fits a line). */
export function resample(values: readonly number[], count: number): number[] {
  const n = Math.max(1, Math.floor(count));
  if (values.length <= n) return [...values];
  return Array.from({ length: n }, (_, i) => values[Math.round((i * (values.length - 1)) / (n - 1 || 1))]!);
}

export interface GraphRow {
  id: string;
  status: string;
  title: string;
  depth: number;
  /** Drawn once already, under another task it waits on. */
  again: boolean;
}

/** The open tasks as an indented tree: roots (waiting on no open task) first, each dependent under what it waits on. */
export function graphRows(graph: ProjectStats['openGraph']): GraphRow[] {
  const byId = new Map(graph.map((n) => [n.id, n]));
  const dependents = new Map<string, string[]>();
  for (const n of graph) for (const d of n.waitsOn) dependents.set(d, [...(dependents.get(d) ?? []), n.id]);
  const rows: GraphRow[] = [];
  const seen = new Set<string>();
  const walk = (id: string, depth: number) => {
    const n = byId.get(id)!;
    const again = seen.has(id);
    rows.push({ id, status: n.status, title: n.title, depth, again });
    if (again) return;
    seen.add(id);
    for (const child of dependents.get(id) ?? []) walk(child, depth + 1);
  };
  for (const n of graph) if (n.waitsOn.length === 0) walk(n.id, 0);
  // A cycle has no root: show what is left rather than nothing.
  for (const n of graph) if (!seen.has(n.id)) walk(n.id, 0);
  return rows;
}

export const graphRowText = (r: GraphRow): string =>
  `${'  '.repeat(r.depth)}${r.depth ? '└ ' : ''}${r.id} [${r.status}] ${r.title}${r.again ? ' (above)' : ''}`;

export const graphLines = (graph: ProjectStats['openGraph']): string[] => graphRows(graph).map(graphRowText);

/** The stats as `crucible status --stats` prints them. */
export function statsText(stats: ProjectStats): string {
  const width = Math.max(8, ...stats.agents.map((a) => a.agent.length));
  const usage = stats.agents.map(
    (a) =>
      `  ${a.agent.padEnd(width)} ${sparkline(a.tokens)} ${a.totalTokens.toLocaleString('en-US')} tokens, $${a.totalCostUsd.toFixed(4)}`,
  );
  const open = stats.burndown.map((p) => p.open);
  return [
    `usage over time (${stats.buckets[0] ?? '-'} → now, per agent)`,
    ...(usage.length ? usage : ['  (no model turns yet)']),
    `burndown   ${open.length ? `${sparkline(resample(open, 60))} ${open.at(-1)} open` : '-'}`,
    'open tasks',
    ...(stats.openGraph.length ? graphLines(stats.openGraph).map((l) => `  ${l}`) : ['  (none)']),
  ].join('\n');
}

// Charts as inline SVG (no script, no external resource): step lines of cumulative values over
// time, one series per agent, with a legend and the final values as hover titles.
import { markup, type Html } from './html.js';
import type { BurndownPoint, UsagePoint } from './model.js';

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  name: string;
  points: Point[];
}

export interface ChartSpec {
  id: string;
  title: string;
  series: Series[];
  formatY: (y: number) => string;
}

const WIDTH = 720;
const PLOT = { left: 72, right: 16, top: 16, height: 180 };
const LEGEND_ROW = 20;
const LEGEND_ITEM = 170;
const MAX_POINTS = 400;
/** Distinguishable on a light background; the series cycle through them. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/** Running totals per agent of one usage measure, each as a series of (time, total) points. */
export function cumulativeByAgent(usage: readonly UsagePoint[], measure: (u: UsagePoint) => number): Series[] {
  const byAgent = new Map<string, Series>();
  for (const u of usage) {
    const series = byAgent.get(u.agent) ?? { name: u.agent, points: [] };
    const last = series.points.at(-1)?.y ?? 0;
    series.points.push({ x: Date.parse(u.ts), y: last + measure(u) });
    byAgent.set(u.agent, series);
  }
  return [...byAgent.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function burndownSeries(points: readonly BurndownPoint[]): Series[] {
  return [
    { name: 'open tasks', points: points.map((p) => ({ x: Date.parse(p.ts), y: p.open })) },
    { name: 'done tasks', points: points.map((p) => ({ x: Date.parse(p.ts), y: p.done })) },
  ];
}

/** At most MAX_POINTS points, evenly kept, the last always among them (cumulative lines keep their shape). */
function thinned(points: Point[]): Point[] {
  if (points.length <= MAX_POINTS) return points;
  const step = points.length / (MAX_POINTS - 1);
  const kept: Point[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) kept.push(points[Math.floor(i * step)] as Point);
  kept.push(points[points.length - 1] as Point);
  return kept;
}

const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();
const clock = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function lineChart(spec: ChartSpec): Html {
  const series = spec.series.map((s) => ({ ...s, points: thinned(s.points) })).filter((s) => s.points.length > 0);
  if (series.length === 0) return markup`<p class="empty" id="${spec.id}">${spec.title}: nothing recorded yet.</p>`;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const minX = Math.min(...xs);
  const spanX = Math.max(...xs) - minX || 1;
  const maxY = Math.max(...series.flatMap((s) => s.points.map((p) => p.y))) || 1;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const bottom = PLOT.top + PLOT.height;
  const sx = (x: number) => PLOT.left + ((x - minX) / spanX) * plotWidth;
  const sy = (y: number) => bottom - (y / maxY) * PLOT.height;
  const perRow = Math.max(1, Math.floor(WIDTH / LEGEND_ITEM));
  const height = bottom + 40 + Math.ceil(series.length / perRow) * LEGEND_ROW;
  const grid = [0, 0.5, 1].map(
    (f) =>
      markup`<line class="grid" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${fixed(sy(maxY * f))}" y2="${fixed(sy(maxY * f))}" /><text
          class="axis"
          x="${PLOT.left - 6}"
          y="${fixed(sy(maxY * f) + 4)}"
          text-anchor="end"
          >${spec.formatY(maxY * f)}</text
        >`,
  );
  const lines = series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000';
    const [first, ...rest] = s.points as [Point, ...Point[]];
    const d = `M${fixed(sx(first.x))} ${fixed(sy(first.y))}` + rest.map((p) => `H${fixed(sx(p.x))}V${fixed(sy(p.y))}`).join('');
    const last = s.points[s.points.length - 1] as Point;
    return markup`<path class="series" d="${d}" stroke="${color}"><title>${s.name}: ${spec.formatY(last.y)}</title></path>`;
  });
  const legend = series.map((s, i) => {
    const x = (i % perRow) * LEGEND_ITEM + PLOT.left;
    const y = bottom + 40 + Math.floor(i / perRow) * LEGEND_ROW;
    const last = s.points[s.points.length - 1] as Point;
    return markup`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${PALETTE[i % PALETTE.length] ?? '#000'}" /><text
        class="legend"
        x="${x + 18}"
        y="${y}"
        >${s.name} (${spec.formatY(last.y)})</text
      >`;
  });
  return markup`<figure class="chart" id="${spec.id}">
    <figcaption>${spec.title}</figcaption>
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="${spec.title}"
      viewBox="0 0 ${WIDTH} ${height}"
      width="${WIDTH}"
      height="${height}"
    >
      ${grid}
      <line class="axis-line" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${bottom}" y2="${bottom}" />
      <text class="axis" x="${PLOT.left}" y="${bottom + 18}">${clock(minX)}</text>
      <text class="axis" x="${WIDTH - PLOT.right}" y="${bottom + 18}" text-anchor="end">${clock(minX + spanX)}</text>
      ${lines}${legend}
    </svg>
  </figure>`;
}

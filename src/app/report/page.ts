// The whole report as one self-contained HTML document: inline CSS, script and SVG, and a
// Content-Security-Policy that lets the page load nothing (only its own inline style and script,
// by hash), so neither the page nor anything an agent wrote into the record can reach the network.
import { createHash } from 'node:crypto';
import { cumulativeByAgent, burndownSeries, lineChart } from './charts.js';
import { markup, trusted, type Html } from './html.js';
import type { ReportModel } from './model.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.js';
import { decisionSection, matrixSection } from './trail-sections.js';
import { driftSection, proposalsSection, tasksSection } from './work-sections.js';

const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** No fetch, frame, form, base or external image, style or script; the inline style and script by their hashes. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(PAGE_STYLE)}`,
  `script-src ${cspHash(PAGE_SCRIPT)}`,
  "img-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const usd = (n: number): string => `$${n.toFixed(n >= 100 ? 0 : 4)}`;
const count = (n: number): string =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function summary(model: ReportModel): Html {
  const done = model.tasks.filter((t) => t.status === 'done').length;
  const cost = model.usage.reduce((sum, u) => sum + (u.costUsd ?? 0), 0);
  const unpriced = model.usage.filter((u) => u.costUsd === null).length;
  const tokens = model.usage.reduce((sum, u) => sum + u.tokens, 0);
  const refusals = model.tasks.reduce((sum, t) => sum + t.gates.filter((g) => !g.ok).length, 0);
  const cells: [string, string][] = [
    ['requirements', count(model.matrix.length)],
    ['tasks done', `${done} / ${model.tasks.length}`],
    ['decisions', count(model.decisions.length)],
    ['gate refusals', count(refusals)],
    ['stale links', count(model.drift.stale.length)],
    ['proposals', count(model.proposals.length)],
    ['cost', `${usd(cost)}${unpriced > 0 ? ` + ${unpriced} unpriced` : ''}`],
    ['tokens', count(tokens)],
  ];
  return markup`<section id="summary" class="cards">
    ${cells.map(
      ([label, value]) =>
        markup`<div class="card">
          <div class="value">${value}</div>
          <div class="label">${label}</div>
        </div>`,
    )}
  </section>`;
}

function charts(model: ReportModel): Html {
  const cost = cumulativeByAgent(model.usage, (u) => u.costUsd ?? 0);
  const tokens = cumulativeByAgent(model.usage, (u) => u.tokens);
  return markup`<section id="charts">
    <h2>Cost, tokens and burndown</h2>
    <div class="charts">
      ${lineChart({ id: 'chart-cost', title: 'Cost per agent (USD, cumulative)', series: cost, formatY: usd })}
      ${lineChart({ id: 'chart-tokens', title: 'Tokens per agent (cumulative)', series: tokens, formatY: count })}
      ${lineChart({ id: 'chart-burndown', title: 'Task burndown', series: burndownSeries(model.burndown), formatY: count })}
    </div>
  </section>`;
}

export function reportPage(model: ReportModel): string {
  const nav = [
    ['matrix', 'Traceability'],
    ['decisions', 'Decisions'],
    ['tasks', 'Tasks'],
    ['drift', 'Drift'],
    ['proposals', 'Proposals'],
    ['charts', 'Charts'],
  ].map(([id, label]) => markup`<a href="#${id}">${label}</a>`);
  const page = markup`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${trusted(CONTENT_SECURITY_POLICY)}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Crucible report: ${model.project}</title>
        <style>${trusted(PAGE_STYLE)}</style>
      </head>
      <body>
        <header>
          <h1>Crucible report: ${model.project}</h1>
          <p class="muted">${model.events} events in the record; generated ${model.generatedAt}</p>
          <nav>${nav}<input id="filter" type="search" placeholder="filter rows (id or text)" aria-label="filter rows" /></nav>
        </header>
        <main>
          ${summary(model)} ${matrixSection(model.matrix)} ${decisionSection(model.decisions, model.pendingJudgments)}
          ${tasksSection(model.tasks)} ${driftSection(model.drift)} ${proposalsSection(model.proposals)} ${charts(model)}
        </main>
        <script>${trusted(PAGE_SCRIPT)}</script>
      </body>
    </html> `;
  return page.text;
}

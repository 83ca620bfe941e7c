// `npm run bench -- report --json [--events N]`: `crucible report --html` over a real LevelDB record
// of N events (5,000 by default) shaped like a long run (support/report/workload.ts): the time to
// load the model (log, projections, drift) and to build the page, the page's size, and each
// against its goal (2 s, 2 MB) as a ratio; the median of five generations, measured in one run.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadReportModel } from '../src/app/report/load.js';
import { reportPage } from '../src/app/report/page.js';
import { initWorkspace } from '../src/workspace/init.js';
import { openWorkspace } from '../src/workspace/open.js';
import { tempDir } from '../support/helpers/temp.js';
import { reportWorkload } from '../support/report/workload.js';

const GOAL_MS = 2000;
const GOAL_BYTES = 2 * 1024 * 1024;
const ROUNDS = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const at = args.indexOf('--events');
  const events = at >= 0 ? Number(args[at + 1]) : 5000;
  const { dir, cleanup } = await tempDir('crucible-report-bench-');
  try {
    await mkdir(dir, { recursive: true });
    await initWorkspace(dir);
    const ws = await openWorkspace({ dir });
    try {
      const drafts = reportWorkload(events);
      for (let i = 0; i < drafts.length; i += 500) await ws.store.appendAll(drafts.slice(i, i + 500));
      const loads: number[] = [];
      const builds: number[] = [];
      let bytes = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const started = performance.now();
        const model = await loadReportModel(ws);
        const loaded = performance.now();
        const page = reportPage(model);
        builds.push(performance.now() - loaded);
        loads.push(loaded - started);
        bytes = Buffer.byteLength(page);
      }
      const totalMs = median(loads.map((l, i) => l + (builds[i] ?? 0)));
      return {
        bench: 'report',
        events: ws.store.head(),
        loadMs: round(median(loads)),
        buildMs: round(median(builds)),
        totalMs: round(totalMs),
        bytes,
        goalMs: GOAL_MS,
        goalBytes: GOAL_BYTES,
        timeRatio: round(totalMs / GOAL_MS, 3),
        sizeRatio: round(bytes / GOAL_BYTES, 3),
        met: totalMs < GOAL_MS && bytes < GOAL_BYTES,
      };
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

// `npm run bench -- cli --json`: how long the installed CLI (node dist/cli/crucible.js,
// what users run) takes per command, against `node -e 0` in the same run.
//  - commands: each read (status, task list/show, log, trace, req list, judgments list,
//    search) and write (task add, req add, decide) run --runs times (10) in fresh processes
//    against a seeded workspace (--tasks tasks, 1000), interleaved with `node -e 0` so load
//    drifts evenly over both; medianMs, overheadMs (over node's median), ratio, and the
//    goal (150 ms over node for reads, 250 for writes) met or not.
//    The commands run from the bundle with V8's code cache (src/cli/compile-cache.ts) kept in the
//    run's temp dir and made by one warm-up run, as a user's first command makes it;
//    withoutCodeCache: `status` with the cache switched off, in the same interleaved runs.
//  - recordOpen: the median time to open and close the seeded record in a process that has
//    already imported the workspace module, and its share of `status`'s overhead.
//  - imports: each module's import cost alone (bench/cli-imports.ts), --import-runs (5) each.
//  - loaded: the packages and layers that `status`, `task add` and `search` load as separate
//    modules (what the bundle holds is one file to node: test/cli/lazy-load.test.ts checks the sources).
// dist/ must be built from the current sources (`npm run build`); tsx's start-up is not the product.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/helpers/child.js';
import { tempDir } from '../support/helpers/temp.js';
import { importCosts, loadedBy } from './cli-imports.js';
import { seedWorkspace } from './cli-seed.js';
import { numberOption, option } from './args.js';

const GOALS = { read: 150, write: 250 } as const;

/** A command's argv for sample `n`: writes take a new title each time, as `task add` and `req add` refuse exact duplicates. */
const COMMANDS: { name: string; kind: keyof typeof GOALS; argv: (n: number) => string[] }[] = [
  { name: 'status', kind: 'read', argv: () => ['status'] },
  { name: 'task list', kind: 'read', argv: () => ['task', 'list'] },
  { name: 'task show', kind: 'read', argv: () => ['task', 'show', 'T-1'] },
  { name: 'log', kind: 'read', argv: () => ['log', '--limit', '100'] },
  { name: 'trace', kind: 'read', argv: () => ['trace', 'R-1'] },
  { name: 'req list', kind: 'read', argv: () => ['req', 'list'] },
  { name: 'judgments list', kind: 'read', argv: () => ['judgments', 'list'] },
  { name: 'search', kind: 'read', argv: () => ['search', 'session expiry'] },
  { name: 'task add', kind: 'write', argv: (n) => ['task', 'add', `bench task ${n}`, '--role', 'implementer'] },
  { name: 'req add', kind: 'write', argv: (n) => ['req', 'add', `bench requirement ${n}`] },
  { name: 'decide', kind: 'write', argv: (n) => ['decide', `bench decision ${n}`, '--because', 'measured'] },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, d = 1) => Number(n.toFixed(d));

const crucible = join(repoRoot, 'dist/cli/crucible.js');

/** Refuses to measure a dist/ older than the newest source file: the figures would be of other code. */
function assertDistFresh(): void {
  let built: number;
  try {
    built = statSync(crucible).mtimeMs;
  } catch {
    throw new Error('dist/cli/crucible.js is missing: run `npm run build` first');
  }
  const src = join(repoRoot, 'src');
  for (const file of readdirSync(src, { recursive: true }) as string[]) {
    if (/\.tsx?$/.test(file) && statSync(join(src, file)).mtimeMs > built)
      throw new Error(`dist/ is older than src/${file}: run \`npm run build\` first`);
  }
}

/** Wall ms of one fresh process; throws with its stderr when it fails. */
function timed(argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, argv, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
  return ms;
}

function measureCommands(dir: string, runs: number, only: Set<string> | undefined) {
  const chosen = COMMANDS.filter((c) => !only || only.has(c.name));
  const node: number[] = [];
  const samples = new Map(chosen.map((c) => [c.name, [] as number[]]));
  const uncached: number[] = [];
  const env = { ...process.env, CRUCIBLE_COMPILE_CACHE: join(dir, '.compile-cache') };
  timed([crucible, 'status'], dir, env);
  for (let i = 0; i < runs; i++) {
    node.push(timed(['-e', '0'], dir));
    for (const c of chosen) samples.get(c.name)!.push(timed([crucible, ...c.argv(i)], dir, env));
    uncached.push(timed([crucible, 'status'], dir, { ...env, CRUCIBLE_COMPILE_CACHE: 'off' }));
  }
  const nodeMs = median(node);
  const commands: Record<string, unknown> = {};
  for (const c of chosen) {
    const ms = median(samples.get(c.name)!);
    const overheadMs = ms - nodeMs;
    commands[c.name] = {
      kind: c.kind,
      argv: c.argv(0).join(' '),
      pair: [round(ms), round(nodeMs)],
      ratio: round(ms / nodeMs, 2),
      overheadMs: round(overheadMs),
      goalOverheadMs: GOALS[c.kind],
      met: overheadMs < GOALS[c.kind],
    };
  }
  const withoutCodeCache = { status: { pair: [round(median(uncached)), round(nodeMs)], overheadMs: round(median(uncached) - nodeMs) } };
  return { nodeMs: round(nodeMs), commands, withoutCodeCache };
}

/** Median ms to open and close the record, timed after the workspace module is imported. */
function recordOpenMs(dir: string, runs: number): number {
  const open = pathToFileURL(join(repoRoot, 'dist/workspace/open.js')).href;
  const script = `import { openWorkspace } from ${JSON.stringify(open)};
const t = performance.now(); const ws = await openWorkspace({ dir: ${JSON.stringify(dir)} }); await ws.close();
console.log(performance.now() - t);`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`opening the record failed: ${child.stderr}`);
    samples.push(Number(child.stdout.trim()));
  }
  return median(samples);
}

export async function run(args: string[]) {
  assertDistFresh();
  const runs = numberOption(args, 'runs', 10);
  const tasks = numberOption(args, 'tasks', 1000);
  const importRuns = numberOption(args, 'import-runs', 5);
  const onlyList = option(args, 'commands');
  const only = onlyList ? new Set(onlyList.split(',')) : undefined;
  const { dir, cleanup } = await tempDir('crucible-bench-cli-');
  try {
    const seed = await seedWorkspace(dir, tasks, crucible);
    const loadBefore = loadavg()[0]!;
    const { nodeMs, commands, withoutCodeCache } = measureCommands(dir, runs, only);
    const status = commands.status as { overheadMs: number } | undefined;
    const openMs = recordOpenMs(dir, runs);
    return {
      entry: 'node dist/cli/crucible.js',
      runs,
      seededEvents: seed.events,
      ingestMs: round(seed.ingestMs, 0),
      loadAverage: [round(loadBefore, 2), round(loadavg()[0]!, 2)],
      nodeMs,
      commands,
      withoutCodeCache,
      recordOpen: {
        medianMs: round(openMs),
        ...(status ? { shareOfStatusOverhead: round(openMs / status.overheadMs, 2) } : {}),
      },
      imports: importCosts(importRuns),
      loaded: {
        status: loadedBy(crucible, ['status'], dir),
        'task add': loadedBy(crucible, ['task', 'add', 'loaded', '--role', 'implementer'], dir),
        search: loadedBy(crucible, ['search', 'session expiry'], dir),
      },
    };
  } finally {
    await cleanup();
  }
}

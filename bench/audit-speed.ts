// The speed half of `npm run bench -- audit`: what a user waits for.
//  - wall: `crucible audit --json` in a fresh process on a copy of each tree (a new
//    workspace), run twice: `coldMs` with nothing cached, `warmMs` again with no file
//    changed, and `oneEditMs` after one file changed. Beside it `nodeStartMs` (`node -e 0`)
//    so the overhead is a difference measured in the same run.
//  - compilerLoadMs: `import('typescript')` in a fresh process, over `node -e 0`.
//  - perAnalyzerMs: each analyzer alone, in this process, over already-read files (the
//    first analyzer to parse a file pays for parsing it, so parsing is reported apart).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYZER_RUNS, ANALYZERS, collectSources, parseAuditConfig } from '../src/audit/index.js';
import { parse } from '../src/audit/parse.js';
import { repoRoot } from '../support/helpers/child.js';
import { tempDir } from '../support/helpers/temp.js';

export interface SpeedTree {
  name: string;
  /** Directories copied into the tree, relative to the repository. */
  dirs: string[];
}

/** Real code by other authors (installed with the dependencies) and Crucible's own source. */
export const SPEED_TREES: SpeedTree[] = [
  { name: 'zod-v3', dirs: ['node_modules/zod/src/v3'] },
  { name: 'crucible', dirs: ['src', 'test'] },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number): number => Math.round(x);

function timeCommand(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(-400)}`);
  return performance.now() - started;
}

/** dist/ when it was built after the audit's sources last changed, else the sources through tsx. */
function crucibleCommand(): string[] {
  const built = join(repoRoot, 'dist/cli/crucible.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(join(repoRoot, 'src/audit/run.ts')).mtimeMs;
  return fresh ? [built] : ['--import', import.meta.resolve('tsx'), join(repoRoot, 'src/cli/crucible.ts')];
}

async function wallTimes(tree: SpeedTree, runs: number) {
  const crucible = crucibleCommand();
  const samples = { nodeStartMs: [] as number[], coldMs: [] as number[], warmMs: [] as number[], oneEditMs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const { dir, cleanup } = await tempDir('crucible-bench-audit-');
    try {
      for (const d of tree.dirs) cpSync(join(repoRoot, d), join(dir, d), { recursive: true });
      timeCommand(process.execPath, [...crucible, 'init', '--dir', dir], dir);
      samples.nodeStartMs.push(timeCommand(process.execPath, ['-e', '0'], dir));
      samples.coldMs.push(timeCommand(process.execPath, [...crucible, 'audit', '--json'], dir));
      samples.warmMs.push(timeCommand(process.execPath, [...crucible, 'audit', '--json'], dir));
      const first = (await collectSources(dir, { include: ['**/*.ts'] }))[0];
      if (first) appendFileSync(join(dir, first.path), '\nexport const benchEdit = 1;\n');
      samples.oneEditMs.push(timeCommand(process.execPath, [...crucible, 'audit', '--json'], dir));
    } finally {
      await cleanup();
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))]));
}

async function inProcess(tree: SpeedTree) {
  const config = parseAuditConfig({});
  const files = (
    await Promise.all(
      tree.dirs.map(async (d) =>
        (await collectSources(join(repoRoot, d), { include: config.include, exclude: config.exclude })).map((f) => ({
          ...f,
          path: `${d}/${f.path}`,
        })),
      ),
    )
  ).flat();
  let started = performance.now();
  files.forEach((f) => parse(f));
  const parseMs = round(performance.now() - started);
  const perAnalyzerMs: Record<string, number> = {};
  for (const name of ANALYZERS) {
    started = performance.now();
    ANALYZER_RUNS[name].run(files, config);
    perAnalyzerMs[name] = round(performance.now() - started);
  }
  const lines = files.reduce((n, f) => n + f.content.split('\n').length, 0);
  return { files: files.length, lines, parseMs, perAnalyzerMs };
}

function compilerLoad(runs: number) {
  const node: number[] = [];
  const compiler: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timeCommand(process.execPath, ['-e', '0'], repoRoot));
    compiler.push(timeCommand(process.execPath, ['-e', "require('typescript')"], repoRoot));
  }
  return { nodeStartMs: round(median(node)), compilerLoadMs: round(median(compiler) - median(node)) };
}

export async function auditSpeed(runs: number): Promise<Record<string, unknown>> {
  const trees: Record<string, unknown> = {};
  for (const tree of SPEED_TREES) trees[tree.name] = { ...(await inProcess(tree)), wall: await wallTimes(tree, runs) };
  return { ...compilerLoad(runs), trees };
}

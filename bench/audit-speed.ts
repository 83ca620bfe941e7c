// The speed half of `npm run bench -- audit`: what a user waits for.
//  - wall: `crucible audit --json` in a fresh process on a copy of each tree (a new
//    workspace), run twice: `coldMs` with nothing cached, `warmMs` again with no file
//    changed, and `oneEditMs` after one file changed. Beside it `nodeStartMs` (`node -e 0`)
//    so the overhead is a difference measured in the same run.
//    `cliStartMs` is `crucible --help`: the CLI's own start-up, which every command pays.
//    `phases` are the audit's own timings of the last run: cache, compiler load, extraction (`extractParse`,
//    the compiler's parse within it), each analyzer, and drafting the proposals (`drafts`, with `draftsLoad`
//    and `draftsParse`), which runs again whenever the findings or any file changed.
//  - compilerRequireMs / compilerImportMs: the compiler loaded in a fresh process by
//    `require` and by ESM `import` (what the audit does), over `node -e 0`.
//  - in this process over already-read files: parseMs (the compiler's parse), extractMs
//    (the per-file facts from the parsed trees, token streams included), then each analyzer's
//    pass over the facts, then draftMs (the proposals drafted from the findings, trees parsed).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { duplicationOfTree } from '../src/audit/analyzers/duplication-findings.js';
import { FACT_PASSES } from '../src/audit/analyzers/passes.js';
import { treeOf } from '../src/audit/facts/extract.js';
import { ANALYZERS, collectSources, parseAuditConfig, rankedDrafts, type Finding } from '../src/audit/index.js';
import { isCodeFile, parse } from '../src/audit/parse.js';
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
  // About 10k lines: the size the speed goal names.
  { name: 'ajv', dirs: ['node_modules/ajv/lib'] },
  { name: 'crucible', dirs: ['src', 'test'] },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number): number => Math.round(x);

function runCommand(command: string, args: string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(-400)}`);
  return { ms: performance.now() - started, stdout: result.stdout.toString() };
}

const timeCommand = (command: string, args: string[], cwd: string): number => runCommand(command, args, cwd).ms;

/** Wall time of one `crucible audit --json`, and the phase timings it reports. */
function timeAudit(crucible: string[], cwd: string, phases: Record<string, unknown>, run: string): number {
  const { ms, stdout } = runCommand(process.execPath, [...crucible, 'audit', '--json'], cwd);
  const reported = JSON.parse(stdout) as { timings?: Record<string, number>; filesParsed?: number };
  phases[run] = { filesParsed: reported.filesParsed, ...reported.timings };
  return ms;
}

/** dist/ when it was built after the audit's sources last changed, else the sources through tsx. */
function crucibleCommand(): string[] {
  const built = join(repoRoot, 'dist/cli/crucible.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(join(repoRoot, 'src/audit/run.ts')).mtimeMs;
  return fresh ? [built] : ['--import', import.meta.resolve('tsx'), join(repoRoot, 'src/cli/crucible.ts')];
}

/** Where a tree's directory lands in the copy: out of node_modules/, which the audit's default config excludes. */
const copiedPath = (dir: string): string => dir.replace(/^node_modules\//, '');

async function wallTimes(tree: SpeedTree, runs: number) {
  const crucible = crucibleCommand();
  const samples = {
    nodeStartMs: [] as number[],
    cliStartMs: [] as number[],
    coldMs: [] as number[],
    warmMs: [] as number[],
    oneEditMs: [] as number[],
  };
  const phases: Record<string, unknown> = {};
  for (let i = 0; i < runs; i++) {
    const { dir, cleanup } = await tempDir('crucible-bench-audit-');
    try {
      for (const d of tree.dirs) cpSync(join(repoRoot, d), join(dir, copiedPath(d)), { recursive: true });
      timeCommand(process.execPath, [...crucible, 'init', '--dir', dir], dir);
      samples.nodeStartMs.push(timeCommand(process.execPath, ['-e', '0'], dir));
      samples.cliStartMs.push(timeCommand(process.execPath, [...crucible, '--help'], dir));
      samples.coldMs.push(timeAudit(crucible, dir, phases, 'cold'));
      samples.warmMs.push(timeAudit(crucible, dir, phases, 'warm'));
      const first = (await collectSources(dir, { include: ['**/*.ts'] }))[0];
      if (first) appendFileSync(join(dir, first.path), '\nexport const benchEdit = 1;\n');
      samples.oneEditMs.push(timeAudit(crucible, dir, phases, 'oneEdit'));
    } finally {
      await cleanup();
    }
  }
  return { ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))])), phases };
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
  files.forEach((f) => isCodeFile(f.path) && parse(f));
  const parseMs = round(performance.now() - started);
  started = performance.now();
  const audited = treeOf(files);
  const extractMs = round(performance.now() - started);
  const perAnalyzerMs: Record<string, number> = {};
  const findings: Finding[] = [];
  for (const name of ANALYZERS) {
    started = performance.now();
    findings.push(...(name === 'duplication' ? duplicationOfTree(audited, config.duplication) : FACT_PASSES[name].run(audited, config)));
    perAnalyzerMs[name] = round(performance.now() - started);
  }
  started = performance.now();
  rankedDrafts(findings, files);
  const draftMs = round(performance.now() - started);
  const lines = files.reduce((n, f) => n + f.content.split('\n').length, 0);
  return { files: files.length, lines, parseMs, extractMs, perAnalyzerMs, draftMs };
}

function compilerLoad(runs: number) {
  const node: number[] = [];
  const required: number[] = [];
  const imported: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timeCommand(process.execPath, ['-e', '0'], repoRoot));
    required.push(timeCommand(process.execPath, ['-e', "require('typescript')"], repoRoot));
    imported.push(timeCommand(process.execPath, ['--input-type=module', '-e', "await import('typescript')"], repoRoot));
  }
  return {
    nodeStartMs: round(median(node)),
    compilerRequireMs: round(median(required) - median(node)),
    compilerImportMs: round(median(imported) - median(node)),
  };
}

export async function auditSpeed(runs: number): Promise<Record<string, unknown>> {
  const trees: Record<string, unknown> = {};
  for (const tree of SPEED_TREES) trees[tree.name] = { ...(await inProcess(tree)), wall: await wallTimes(tree, runs) };
  return { ...compilerLoad(runs), trees };
}

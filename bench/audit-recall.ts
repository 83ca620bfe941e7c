// Recall of the duplication analyzer against jscpd (not a dependency; pass its
// binary): for each codebase, jscpd's ≥ 6-line pairs, ours, which of jscpd's we
// miss, and a sample of ours that jscpd does not report, to judge by hand.
// Usage: node --import tsx bench/audit-recall.ts --jscpd PATH [--json] [--only NAME] [--extra N] [--min-tokens N] [--min-lines N] [--cache DIR]
//        [--tree NAME=PATH ...] (instead of the built-in codebases; see TREE_USAGE for which files of a tree are read)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { analyzeDuplication, type DuplicationThresholds } from '../src/audit/analyzers/duplication.js';
import { collectSources } from '../src/audit/collect.js';
import { defaultAuditConfig } from '../src/audit/config.js';
import { isCodeFile, parse } from '../src/audit/parse.js';
import type { Finding, SourceFile } from '../src/audit/types.js';
import { option } from './args.js';
import { treeOptions } from './audit-trees.js';

interface Codebase {
  name: string;
  root: string;
  include: string[];
  exclude: string[];
}

interface Range {
  path: string;
  start: number;
  end: number;
}
type Pair = [Range, Range];

const CODEBASES: Codebase[] = [
  { name: 'zod-v3', root: 'node_modules/zod/src/v3', include: ['**/*.ts'], exclude: ['**/*.d.ts'] },
  {
    name: 'anthropic-sdk',
    root: 'node_modules/@anthropic-ai/sdk/src',
    include: ['**/*.ts'],
    exclude: ['resources/**', '_vendor/**', '**/*.d.ts'],
  },
  {
    name: 'crucible',
    root: '.',
    include: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'support/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
    exclude: defaultAuditConfig().exclude,
  },
];

/**
 * A tree's files: what `crucible audit` reports on by default (no `.d.ts`, build output, fixtures or vendored folders, as the
 * SDK's row leaves out `_vendor/`), without its tests.
 */
const TREE_EXCLUDE = [...defaultAuditConfig().exclude, ...defaultAuditConfig().vendored, ...defaultAuditConfig().untested.tests];
const TREE_USAGE =
  '--tree NAME=PATH (repeatable): PATH/**/*.{ts,tsx}, without node_modules/, dist/ and ' +
  `${TREE_EXCLUDE.join(', ')} (*.d.ts, build output, fixtures, vendored folders and tests)`;

/** `--tree NAME=PATH`, any number of times: a codebase read the way TREE_USAGE says. */
function treeCodebases(argv: readonly string[]): Codebase[] {
  return treeOptions(argv, true).map(({ name, path }) => ({ name, root: path, include: ['**/*.{ts,tsx}'], exclude: TREE_EXCLUDE }));
}

const locSchema = z.object({ line: z.number() });
const sideSchema = z.object({ name: z.string(), startLoc: locSchema, endLoc: locSchema });
const reportSchema = z.object({ duplicates: z.array(z.object({ firstFile: sideSchema, secondFile: sideSchema })) });

function jscpdPairs(jscpd: string, root: string, files: readonly SourceFile[], cache?: string): Pair[] {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Pair[];
  const pairs = runJscpd(jscpd, root, files);
  if (cache) writeFileSync(cache, JSON.stringify(pairs));
  return pairs;
}

function runJscpd(jscpd: string, root: string, files: readonly SourceFile[]): Pair[] {
  const out = mkdtempSync(join(tmpdir(), 'jscpd-'));
  try {
    const args = ['--min-lines', '6', '--reporters', 'json', '--output', out, '--silent', '--no-gitignore', '--max-lines', '100000'];
    execFileSync(jscpd, [...args, ...files.map((f) => f.path)], { cwd: root, stdio: 'ignore', maxBuffer: 1 << 26 });
    const report = reportSchema.parse(JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8')));
    const side = (s: z.infer<typeof sideSchema>): Range => ({ path: s.name, start: s.startLoc.line, end: s.endLoc.line });
    return report.duplicates.map((d) => repaired([side(d.firstFile), side(d.secondFile)]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** jscpd sometimes ends a side before its start (zod's set.test.ts:134-64): that side is as long as the other. */
function repaired(pair: Pair): Pair {
  const [x, y] = pair;
  const fix = (r: Range, other: Range): Range => (r.end < r.start ? { ...r, end: r.start + (other.end - other.start) } : r);
  return [fix(x, y), fix(y, x)];
}

/** Each pair once (both sides report it). */
function ourPairs(findings: readonly Finding[]): Pair[] {
  const seen = new Set<string>();
  const pairs: Pair[] = [];
  for (const f of findings) {
    const other = f.related?.[0];
    if (!other) continue;
    const pair: Pair = [
      { path: f.path, start: f.startLine, end: f.endLine },
      { path: other.path, start: other.startLine, end: other.endLine },
    ];
    const key = pair
      .map((r) => `${r.path}:${r.start}-${r.end}`)
      .sort()
      .join(' ');
    if (!seen.has(key)) pairs.push(pair);
    seen.add(key);
  }
  return pairs;
}

const overlaps = (x: Range, y: Range): boolean => x.path === y.path && x.start <= y.end && y.start <= x.end;
const covers = (p: Pair, q: Pair): boolean =>
  (overlaps(p[0], q[0]) && overlaps(p[1], q[1])) || (overlaps(p[0], q[1]) && overlaps(p[1], q[0]));
const show = (p: Pair): string => `${p[0].path}:${p[0].start}-${p[0].end} ~ ${p[1].path}:${p[1].start}-${p[1].end}`;

async function measure(
  codebase: Codebase,
  jscpd: string,
  extra: number,
  limits: Partial<DuplicationThresholds>,
): Promise<Record<string, unknown>> {
  const root = resolve(codebase.root);
  const files = await collectSources(root, { include: codebase.include, exclude: codebase.exclude });
  const cacheDir = option(args, 'cache');
  const theirs = jscpdPairs(jscpd, root, files, cacheDir ? join(cacheDir, `${codebase.name}.json`) : undefined);
  for (const file of files) if (isCodeFile(file.path)) parse(file);
  const started = performance.now();
  const findings = analyzeDuplication(files, { ...defaultAuditConfig().duplication, ...limits });
  const ms = Math.round(performance.now() - started);
  const ours = ourPairs(findings);
  const missed = theirs.filter((t) => !ours.some((o) => covers(o, t)));
  const onlyOurs = ours.filter((o) => !theirs.some((t) => covers(o, t)));
  const lines = files.reduce((n, f) => n + f.content.split('\n').length, 0);
  return {
    codebase: codebase.name,
    files: files.length,
    lines,
    jscpdPairs: theirs.length,
    ourPairs: ours.length,
    recall: theirs.length === 0 ? 1 : Math.round(((theirs.length - missed.length) / theirs.length) * 1000) / 1000,
    ms,
    missed: missed.map(show),
    onlyOursCount: onlyOurs.length,
    onlyOurs: onlyOurs.slice(0, extra).map(show),
  };
}

const args = process.argv.slice(2);
const jscpd = option(args, 'jscpd');
if (!jscpd) {
  console.error(
    'usage: node --import tsx bench/audit-recall.ts --jscpd PATH/TO/jscpd [--json] [--only NAME] [--extra N] [--min-tokens N] [--min-lines N] [--cache DIR] ' +
      `[${TREE_USAGE}]`,
  );
  process.exit(2);
}
const only = option(args, 'only');
const extra = Number(option(args, 'extra') ?? 15);
const limits: Partial<DuplicationThresholds> = {
  ...(option(args, 'min-tokens') ? { minTokens: Number(option(args, 'min-tokens')) } : {}),
  ...(option(args, 'min-lines') ? { minLines: Number(option(args, 'min-lines')) } : {}),
};
const results = [];
const trees = treeCodebases(args);
for (const codebase of (trees.length > 0 ? trees : CODEBASES).filter((c) => !only || c.name === only))
  results.push(await measure(codebase, jscpd, extra, limits));
process.stdout.write(`${JSON.stringify(results, null, args.includes('--json') ? undefined : 2)}\n`);

#!/usr/bin/env node
// Node 20's test runner does not expand globs, so we list test files ourselves
// and hand them to `node --test` unchanged: its output (and closing summary) stays intact.
//
// Two tiers, decided by the file name alone: `*.unit.test.ts(x)` is the fast tier (pure logic and
// in-process tests: no child processes, tmux, bwrap or long LevelDB workloads); every other
// `*.test.ts(x)` is the integration tier, so a new test file lands there unless it says otherwise.
//
// Node's runner starts one process per file, and a unit file's own tests take a fraction of the
// second its process spends starting node, tsx and the module graph. So unit files run in a few
// groups (one process each, two at a time), each group a generated module importing its files;
// integration files keep a process each (they spawn children, servers and terminals), except short ones that
// leave the process as they found it (scripts/test-sharing.mjs), which run a few to a process too.
// `--isolated` gives every file its own process again (to rule out a leak between files).
//
// Files start longest first (by scripts/test-weights.json, the CPU seconds each file took; a file not
// listed yet starts before all of them), so the two slots end together instead of one long file
// running alone at the end.
//
// Before integration files run, src/ is compiled once (scripts/test-built-src.mjs): children the tests
// spawn from src/ (the CLI above all) run that copy with plain node instead of starting tsx each time.
//
// `--all` (what `npm test` runs) is both tiers in one `node --test` run, with the type check and the
// format check running beside it: their output is held and printed after node's summary, and any
// failure among the three makes the exit code non-zero.
//
//   node scripts/run-tests.mjs [--unit | --integration | --all] [--isolated] [path-substring ...]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTestSource } from './test-built-src.mjs';
import { sharesProcess } from './test-sharing.mjs';

const UNIT = /\.unit\.test\.tsx?$/;
const TIERS = {
  '--unit': (file) => UNIT.test(file),
  '--integration': (file) => !UNIT.test(file),
  '--all': () => true,
};
/**
 * Processes at once (the runner's --test-concurrency), and unit groups per process slot: one, as every group loads
 * tsx and much of the same module graph again (four groups took 19.1 CPU s for the unit tier, two 12.8, same wall).
 */
const CONCURRENCY = 2;
const GROUPS_PER_SLOT = 1;
/** The checks `--all` runs beside the tests (package.json scripts). */
const CHECKS = ['typecheck', 'format:check'];

const args = process.argv.slice(2);
const tier = args.find((arg) => arg in TIERS);
const isolated = args.includes('--isolated');
const filters = args.filter((arg) => !(arg in TIERS) && arg !== '--isolated');
const files = readdirSync('test', { recursive: true, withFileTypes: false })
  .map(String)
  .filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.tsx'))
  .map((file) => join('test', file))
  .filter((file) => !tier || TIERS[tier](file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no ${tier ? `${tier.slice(2)} ` : ''}test files match ${filters.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}

/** Seconds a file is expected to take: measured ones from scripts/test-weights.json, an unlisted one first of all. */
function weigher() {
  let known = {};
  try {
    known = JSON.parse(readFileSync('scripts/test-weights.json', 'utf8'));
  } catch {
    // No table (or a broken one): every file counts as unmeasured and the order stays alphabetical.
  }
  return (file) => known[file] ?? Number.POSITIVE_INFINITY;
}

/** A module in `dir` importing `group`'s files, so they run in one process. */
function groupModule(dir, name, group, what) {
  const entry = join(dir, `${name}.test.mjs`);
  const header = `// ${group.length} ${what} test files in one process (scripts/run-tests.mjs)\n`;
  writeFileSync(entry, header + group.map((file) => `import ${JSON.stringify(pathToFileURL(resolve(file)).href)};\n`).join(''));
  return entry;
}

/**
 * Unit files dealt round-robin into group modules in a temp dir, short integration files that may share a process
 * (scripts/test-sharing.mjs) into as many more, balanced by weight; the rest stay as they are. Heaviest first.
 */
function grouped(dir) {
  const weight = weigher();
  const units = files.filter((file) => UNIT.test(file));
  const integration = files.filter((file) => !UNIT.test(file)).map((file) => ({ file, weight: weight(file) }));
  if (isolated) return [...units.map((file) => ({ file, weight: 1 })), ...integration].sort(heaviestFirst).map((e) => e.file);
  const count = Math.min(units.length, CONCURRENCY * GROUPS_PER_SLOT);
  const groups = Array.from({ length: count }, () => []);
  units.forEach((file, i) => groups[i % count].push(file));
  // A group of a few dozen small files takes a few seconds of CPU.
  const entries = groups.map((group, i) => ({ file: groupModule(dir, `unit-group-${i + 1}`, group, 'unit'), weight: group.length * 0.25 }));
  const shared = integration.filter((e) => sharesProcess(e.file, e.weight));
  const alone = integration.filter((e) => !shared.includes(e));
  if (shared.length < 2) return [...entries, ...integration].sort(heaviestFirst).map((e) => e.file);
  const bins = Array.from({ length: Math.min(shared.length, CONCURRENCY) }, () => ({ files: [], weight: 0 }));
  for (const e of shared.sort(heaviestFirst)) {
    const bin = bins.reduce((a, b) => (b.weight < a.weight ? b : a));
    bin.files.push(e.file);
    bin.weight += e.weight;
  }
  const sharedEntries = bins.map((bin, i) => ({
    file: groupModule(dir, `shared-group-${i + 1}`, bin.files.sort(), 'integration'),
    weight: bin.weight,
  }));
  return [...entries, ...sharedEntries, ...alone].sort(heaviestFirst).map((e) => e.file);
}

function heaviestFirst(a, b) {
  return b.weight - a.weight;
}

/** Runs a command to its end; resolves with its exit code and (unless inherited) its output. */
function run(command, commandArgs, options) {
  return new Promise((done) => {
    const child = spawn(command, commandArgs, options);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => done({ code: 1, output: output + String(error) }));
    child.on('close', (code, signal) => done({ code: code ?? 1, signal, output }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'crucible-unit-groups-'));
try {
  const checks = tier === '--all' ? CHECKS.map((name) => ({ name, result: run('npm', ['run', '--silent', name], { stdio: 'pipe' }) })) : [];
  const builtSrc = files.some((file) => !UNIT.test(file)) ? await buildTestSource() : undefined;
  // The usual reporter (spec in a terminal, TAP otherwise), then the slowest files (scripts/test-durations.mjs).
  const reporters = [
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${pathToFileURL(resolve('scripts/test-durations.mjs')).href}`,
    '--test-reporter-destination=stdout',
  ];
  const tests = await run(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`, ...reporters, ...grouped(dir)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        CRUCIBLE_TEST_CONCURRENCY: String(CONCURRENCY),
        ...(builtSrc ? { CRUCIBLE_TEST_BUILT_SRC: builtSrc } : {}),
        // The tests' worktrees live (and go) with this run, not in the user's cache.
        CRUCIBLE_WORKTREES_DIR: join(dir, 'worktrees'),
      },
    },
  );
  let failed = tests.code !== 0;
  for (const { name, result } of checks) {
    const { code, output } = await result;
    failed ||= code !== 0;
    console.log(code === 0 ? `# npm run ${name}: passed` : `# npm run ${name}: FAILED (exit ${code})\n${output.trimEnd()}`);
  }
  process.exitCode = failed ? 1 : 0;
  if (builtSrc) rmSync(builtSrc, { recursive: true, force: true });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

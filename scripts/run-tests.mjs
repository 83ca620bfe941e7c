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
// integration files keep a process each (they spawn children, servers and terminals).
// `--isolated` gives every file its own process again (to rule out a leak between unit files).
//
//   node scripts/run-tests.mjs [--unit | --integration] [--isolated] [path-substring ...]
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TIERS = {
  '--unit': (file) => UNIT.test(file),
  '--integration': (file) => !UNIT.test(file),
};
const UNIT = /\.unit\.test\.tsx?$/;
/** Processes at once (the runner's --test-concurrency), and unit groups per process slot. */
const CONCURRENCY = 2;
const GROUPS_PER_SLOT = 2;

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

/** Unit files dealt round-robin into group modules in a temp dir; the rest stay as they are. */
function grouped(dir) {
  const units = files.filter((file) => UNIT.test(file));
  const others = files.filter((file) => !UNIT.test(file));
  const count = Math.min(units.length, CONCURRENCY * GROUPS_PER_SLOT);
  if (isolated || count < 2) return files;
  const groups = Array.from({ length: count }, () => []);
  units.forEach((file, i) => groups[i % count].push(file));
  const entries = groups.map((group, i) => {
    const entry = join(dir, `unit-group-${i + 1}.test.mjs`);
    const header = `// ${group.length} unit test files in one process (scripts/run-tests.mjs)\n`;
    writeFileSync(entry, header + group.map((file) => `import ${JSON.stringify(pathToFileURL(resolve(file)).href)};\n`).join(''));
    return entry;
  });
  return [...entries, ...others];
}

const dir = mkdtempSync(join(tmpdir(), 'crucible-unit-groups-'));
try {
  // The usual reporter (spec in a terminal, TAP otherwise), then the slowest files (scripts/test-durations.mjs).
  const reporters = [
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${pathToFileURL(resolve('scripts/test-durations.mjs')).href}`,
    '--test-reporter-destination=stdout',
  ];
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`, ...reporters, ...grouped(dir)],
    {
      stdio: 'inherit',
      env: { ...process.env, CRUCIBLE_TEST_CONCURRENCY: String(CONCURRENCY) },
    },
  );
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

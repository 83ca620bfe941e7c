#!/usr/bin/env node
// Node 20's test runner does not expand globs, so we list test files ourselves
// and hand them to `node --test` unchanged: its output (and closing summary) stays intact.
//
// Two tiers, decided by the file name alone: `*.unit.test.ts(x)` is the fast tier (pure logic and
// in-process tests: no child processes, tmux, bwrap or long LevelDB workloads); every other
// `*.test.ts(x)` is the integration tier, so a new test file lands there unless it says otherwise.
//
//   node scripts/run-tests.mjs [--unit | --integration] [path-substring ...]
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const TIERS = {
  '--unit': (file) => UNIT.test(file),
  '--integration': (file) => !UNIT.test(file),
};
const UNIT = /\.unit\.test\.tsx?$/;

const args = process.argv.slice(2);
const tier = args.find((arg) => arg in TIERS);
const filters = args.filter((arg) => !(arg in TIERS));
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

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

#!/usr/bin/env node
// Node 20's test runner does not expand globs, so we list test files ourselves
// and hand them to `node --test` unchanged: its output (and closing summary) stays intact.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = readdirSync('test', { recursive: true, withFileTypes: false })
  .map(String)
  .filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.tsx'))
  .map((file) => join('test', file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);

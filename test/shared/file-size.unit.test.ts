import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/helpers/child.js';

// The house rule (STYLE.md): files with one job, no source file over 300 lines.
const MAX_LINES = 300;
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function oversizeSources(): string[] {
  const src = join(repoRoot, 'src');
  return readdirSync(src, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((file) => /\.(ts|tsx|mts)$/.test(file))
    .map((file) => ({ file: `src/${file}`, lines: lineCount(readFileSync(join(src, file), 'utf8')) }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file} (${lines} lines)`)
    .sort();
}

test(`no file under src/ is over ${MAX_LINES} lines`, () => {
  const offenders = oversizeSources();
  assert.deepEqual(offenders, [], `split these by responsibility: ${offenders.join(', ')}`);
});

// The formatter wraps code at 140 columns but cannot break a long string, template or comment: those are split by hand.
const MAX_COLUMNS = 160;

test(`no line under src/, test/, support/ or bench/ is over ${MAX_COLUMNS} characters (fixtures aside)`, () => {
  const long: string[] = [];
  for (const dir of ['src', 'test', 'support', 'bench']) {
    for (const file of readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: false }).map(String)) {
      if (!/\.(ts|tsx|mts|mjs)$/.test(file) || file.split('/').includes('fixtures')) continue;
      readFileSync(join(repoRoot, dir, file), 'utf8')
        .split('\n')
        .forEach((line, at) => line.length > MAX_COLUMNS && long.push(`${dir}/${file}:${at + 1}`));
    }
  }
  assert.deepEqual(long, [], 'split these lines (a long string into parts joined with +, a comment onto several lines)');
});

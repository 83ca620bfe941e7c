import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/helpers/child.js';
import { lineRange } from '../../src/shared/location.js';

test('a line range is written path:start-end; a one-line range collapses only when asked', () => {
  assert.equal(lineRange('src/a.ts', 3, 9), 'src/a.ts:3-9');
  assert.equal(lineRange('src/a.ts', 5, 5), 'src/a.ts:5-5');
  assert.equal(lineRange('src/a.ts', 5, 5, { collapseOneLine: true }), 'src/a.ts:5');
  assert.equal(lineRange('src/a.ts', 5, 6, { collapseOneLine: true }), 'src/a.ts:5-6');
});

test('`path:start-end` is formatted in one place (src/shared/location.ts)', () => {
  const src = join(repoRoot, 'src');
  const written = /\$\{[^{}]+\}:\$\{[^{}]+\}-\$\{[^{}]+\}/;
  const offenders = readdirSync(src, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((file) => /\.tsx?$/.test(file) && file !== join('shared', 'location.ts'))
    .flatMap((file) =>
      readFileSync(join(src, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (written.test(line) ? [`src/${file}:${i + 1}: ${line.trim()}`] : [])),
    );
  assert.deepEqual(offenders, [], 'use lineRange from src/shared/location.ts');
});

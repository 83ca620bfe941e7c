import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAnyDensity } from '../../src/audit/analyzers/any-density.js';
import { analyzeSize } from '../../src/audit/analyzers/size.js';
import { fingerprintOf, uniqueFingerprints } from '../../src/audit/fingerprint.js';
import { globMatcher } from '../../src/audit/globs.js';
import { commentsOf, tokensOf } from '../../src/audit/tokens.js';
import type { Finding, SourceFile } from '../../src/audit/index.js';
import { anyLines, treeOf } from '../../src/audit/facts/extract.js';

const file = (path: string, content: string): SourceFile => ({ path, content });
const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

test('size: files and functions over the limit, measured in lines, errors past twice the limit', () => {
  const src = file('s.ts', `export function small() {\n${body(2)}\n}\nexport const big = () => {\n${body(8)}\n};\n`);
  const found = analyzeSize(treeOf([src]), { maxFileLines: 10, maxFunctionLines: 5 });
  assert.deepEqual(
    found.map((f) => [f.startLine, f.endLine, f.metric?.name, f.severity]),
    [
      [1, 14, 'file-lines', 'warning'],
      [5, 14, 'function-lines', 'warning'],
    ],
  );
  assert.equal(analyzeSize(treeOf([src]), { maxFileLines: 6, maxFunctionLines: 4 }).filter((f) => f.severity === 'error').length, 2);
  assert.deepEqual(analyzeSize(treeOf([src]), { maxFileLines: 14, maxFunctionLines: 10 }), []);
});

test('any-density: counts explicit any in TypeScript, skips explained ones, JavaScript and declaration files', () => {
  const src = file(
    'a.ts',
    'let a: any;\n// the vendor type is unknown\nlet b: any;\n' +
      'let c: Array<any> = []; /* why: legacy */\nconst gap = 0;\nfunction f(x: any): any { return x; }\n',
  );
  assert.deepEqual(anyLines(src, true), [1, 6, 6]);
  assert.deepEqual(anyLines(src, false), [1, 3, 4, 6, 6]);
  const limits = { maxPer100Lines: 1, minCount: 2, ignoreCommented: true };
  assert.deepEqual(
    analyzeAnyDensity(treeOf([src]), limits).map((f) => [f.startLine, f.endLine, f.metric?.value]),
    [[1, 6, 50]],
  );
  assert.deepEqual(analyzeAnyDensity(treeOf([file('a.d.ts', src.content), file('a.js', 'let a = 1;\n')]), limits), []);
  assert.deepEqual(analyzeAnyDensity(treeOf([src]), { ...limits, minCount: 4 }), []);
});

test('tokens come from the syntax tree (regex and templates intact); comments are found once each', () => {
  const src = file('t.ts', '/** doc */\nconst r = /a\\/b/g; // tail\nconst t = `x${r}y`; /* inner */\n');
  const kinds = tokensOf(src).map((t) => t.getText());
  assert.ok(kinds.includes('/a\\/b/g') && kinds.includes('`x${') && kinds.includes('}y`'));
  assert.deepEqual(
    commentsOf(src).map((c) => c.text),
    ['/** doc */', '// tail', '/* inner */'],
  );
});

test('globs match root-relative paths with gitignore semantics', () => {
  const isTest = globMatcher(['test/**', '**/*.spec.*']);
  assert.ok(isTest('test/a.ts') && isTest('src/x/y.spec.ts'));
  assert.ok(!isTest('src/test.ts') && !isTest('src/tests/a.ts'));
  assert.equal(globMatcher([])('anything'), false);
});

test('fingerprints: equal problems in one file get numbered in reading order', () => {
  const finding = (line: number): Finding => ({
    analyzer: 'markers',
    path: 'a.ts',
    startLine: line,
    endLine: line,
    message: 'TODO: x',
    severity: 'info',
    fingerprint: fingerprintOf('markers', 'a.ts', 'TODO: x'),
  });
  const unique = uniqueFingerprints([finding(9), finding(2)]);
  assert.deepEqual(
    unique.map((f) => [f.startLine, f.fingerprint.endsWith('#2')]),
    [
      [2, false],
      [9, true],
    ],
  );
  assert.match(unique[0]?.fingerprint ?? '', /^markers:[0-9a-f]{40}$/);
});

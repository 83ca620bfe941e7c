import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeComplexity } from '../../src/audit/analyzers/complexity.js';
import { analyzeCycles } from '../../src/audit/analyzers/cycles.js';
import { analyzeDuplication } from '../../src/audit/analyzers/duplication.js';
import { analyzeMarkers } from '../../src/audit/analyzers/markers.js';
import { analyzeUntested } from '../../src/audit/analyzers/untested.js';
import { analyzeUnusedExports } from '../../src/audit/analyzers/unused-exports.js';
import { listFunctions } from '../../src/audit/functions.js';
import { moduleGraph, resolveSpecifier } from '../../src/audit/imports.js';
import { defaultAuditConfig, parseAuditConfig, type SourceFile } from '../../src/audit/index.js';
import { treeOf } from '../../src/audit/facts/extract.js';

const defaults = defaultAuditConfig();
const file = (path: string, content: string): SourceFile => ({ path, content });

test('relative specifiers resolve NodeNext style: .js names .ts, .mjs names .mts, directories name index', () => {
  const known = new Set(['src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.js', 'src/lib/index.ts']);
  assert.equal(resolveSpecifier('src/x.ts', './a.js', known), 'src/a.ts');
  assert.equal(resolveSpecifier('src/x.ts', './b.js', known), 'src/b.tsx');
  assert.equal(resolveSpecifier('src/x.ts', './c.mjs', known), 'src/c.mts');
  assert.equal(resolveSpecifier('src/x.ts', './d.js', known), 'src/d.js');
  assert.equal(resolveSpecifier('src/x.ts', './lib', known), 'src/lib/index.ts');
  assert.equal(resolveSpecifier('src/deep/y.ts', '../a', known), 'src/a.ts');
  assert.equal(resolveSpecifier('src/x.ts', 'zod', known), null);
  assert.equal(resolveSpecifier('src/x.ts', './missing.js', known), null);
});

test('imports and exports are read from the syntax tree, dynamic ones included', () => {
  const files = [
    file(
      'm.ts',
      "import def, { a as b, type T } from './n.js';\nexport * from './o.js';\nexport { x as y } from './p.js';\n" +
        "const lazy = () => import('./q.js');\nexport default lazy;\nexport const [first, { second }] = [1, { second: 2 }];\n",
    ),
  ];
  const module = moduleGraph(files).get('m.ts');
  assert.ok(module);
  assert.deepEqual(
    module.imports.map((i) => [i.specifier, i.names, i.forwardsAll, i.dynamic]),
    [
      ['./n.js', ['default', 'a', 'T'], false, false],
      ['./o.js', [], true, false],
      ['./p.js', ['x'], false, false],
      ['./q.js', 'all', false, true],
    ],
  );
  assert.deepEqual(
    module.exports.map((e) => e.name),
    ['y', 'default', 'first', 'second'],
  );
});

test('complexity reports cognitive complexity above the limit, naming the function in message, metric and symbol', () => {
  const src = file(
    'c.ts',
    [
      'function f(a: number, b?: string) {',
      '  if (a > 1 && b) return 1;', // if +1, && +1
      '  for (const x of [1]) { while (x) { break; } }', // for +1, while +2 (nested once)
      '  const g = () => (a ? 1 : 2) || 3;', // nested function: its own score, one level deeper
      '  switch (a) { case 1: return b ?? 2; case 2: return 3; default: return 4; }', // switch +1 (once), ?? +1
      '}',
    ].join('\n'),
  );
  const [outer, inner] = listFunctions(src);
  assert.ok(outer && inner);
  assert.deepEqual([outer.name, inner.name], ['f', 'f.g']);
  const findings = analyzeComplexity(treeOf([src]), { max: 2 });
  assert.deepEqual(
    findings.map((f) => [f.symbol, f.metric?.name, f.metric?.value, f.message]),
    [
      ['f', 'cognitive-complexity', 7, 'function f has cognitive complexity 7 (limit 2)'],
      ['f.g', 'cognitive-complexity', 3, 'function f.g has cognitive complexity 3 (limit 2)'], // ?: +2 at depth 1, || +1
    ],
  );
  assert.deepEqual(analyzeComplexity(treeOf([src]), { max: 7 }), []);
});

test('functions are named after what holds them', () => {
  const src = file(
    'n.ts',
    "class K { m() {} get v() { return 1; } }\nconst arrow = () => 1;\nconst o = { p: function () {} };\ntest('does a thing', () => {});\n",
  );
  assert.deepEqual(
    listFunctions(src).map((f) => f.name),
    ['K.m', 'K.get v', 'arrow', 'o.p', 'test("does a thing") callback'],
  );
});

test('an anonymous function is named after what holds it, never `<anonymous>`: a returned function, a fallback, an inner one', () => {
  const src = file(
    'h.ts',
    'export function provider() {\n  return async () => 1;\n}\nconst curry = () => () => 2;\n' +
      'const pick = (f?: () => number) => f ?? (() => 3);\nfunction outer() {\n  [() => 4];\n}\n',
  );
  assert.deepEqual(
    listFunctions(src).map((f) => f.name),
    [
      'provider',
      'provider.returned function',
      'curry',
      'curry.returned function',
      'pick',
      'pick.returned function',
      'outer',
      'outer.inner function',
    ],
  );
});

test('duplication finds a renamed copy, reports both sides, and ignores copies below the threshold', () => {
  const body = (fn: string, x: string, y: string) =>
    `export function ${fn}(${x}: number[], ${y}: number) {\n` +
    `  const out = [];\n  for (const v of ${x}) {\n` +
    `    if (v > ${y}) out.push(v * 2);\n    else out.push(v - 1);\n` +
    `  }\n  return out.filter((v) => v !== 0);\n}\n`;
  const files = [file('a.ts', body('up', 'xs', 'limit')), file('b.ts', `const k = 1;\n${body('down', 'values', 'floor')}`)];
  const found = analyzeDuplication(files, { minTokens: 40, minLines: 5 });
  assert.deepEqual(
    found.map((f) => `${f.path}:${f.startLine}-${f.endLine}`),
    ['a.ts:1-8', 'b.ts:2-9'],
  );
  assert.equal(found[0]?.group, found[1]?.group);
  assert.deepEqual(found[0]?.related, [{ path: 'b.ts', startLine: 2, endLine: 9 }]);
  assert.deepEqual(analyzeDuplication(files, { minTokens: 200, minLines: 5 }), []);
  assert.deepEqual(analyzeDuplication(files, { minTokens: 40, minLines: 20 }), []);
});

test('markers: only tags that start a comment line count', () => {
  const src = file(
    'm.ts',
    [
      '// TODO: one',
      "const s = 'TODO: in a string';",
      '/* a TODO in prose */',
      '/**',
      ' * FIXME(ann) two',
      ' */',
      'let x = 1; // HACK three',
      '// TODO.md is a file name',
      '// NOTE: not a configured tag',
    ].join('\n'),
  );
  assert.deepEqual(
    analyzeMarkers(treeOf([src]), defaults.markers).map((f) => [f.startLine, f.severity]),
    [
      [1, 'info'],
      [5, 'warning'],
      [7, 'warning'],
    ],
  );
  assert.deepEqual(
    analyzeMarkers(treeOf([src]), { tags: ['NOTE'] }).map((f) => f.startLine),
    [9],
  );
});

test('cycles: type-only and dynamic imports do not close a cycle unless asked', () => {
  const files = [
    file('a.ts', "import type { B } from './b.js';\nexport interface A { b: B }\n"),
    file('b.ts', "import type { A } from './a.js';\nexport interface B { a: A }\n"),
    file('c.ts', "export const c = () => import('./d.js');\n"),
    file('d.ts', "import { c } from './c.js';\nexport const d = c;\n"),
  ];
  assert.deepEqual(analyzeCycles(treeOf(files), { includeTypeOnly: false }), []);
  const typed = analyzeCycles(treeOf(files), { includeTypeOnly: true });
  assert.deepEqual(
    typed.map((f) => [f.path, f.startLine, f.related]),
    [['a.ts', 1, [{ path: 'b.ts', startLine: 1, endLine: 1 }]]],
  );
});

test('untested: a module any test reaches through its runtime imports is tested; type-only imports reach nothing', () => {
  const files = [
    file('src/index.ts', "export { run } from './run.js';\n"),
    file(
      'src/run.ts',
      "import { helper } from './helper.js';\nimport type { Shape } from './shape.js';\nexport const run = (s: Shape) => helper(s);\n",
    ),
    file('src/helper.ts', "import { log } from './log.js';\nexport const helper = (s: unknown) => log(s);\n"),
    file('src/log.ts', 'export const log = (s: unknown) => console.log(s);\n'),
    file('src/shape.ts', 'export interface Shape { n: number }\nexport const unit: Shape = { n: 1 };\n'),
    file('src/lazy.ts', 'export const later = 1;\n'),
    file('src/loader.ts', "export const load = () => import('./lazy.js');\n"),
    file('src/orphan.ts', 'export const orphan = 1;\n'),
    file('test/run.test.ts', "import { run } from '../src/index.js';\nimport { load } from '../src/loader.js';\nrun({ n: 1 });\nload();\n"),
  ];
  assert.deepEqual(
    analyzeUntested(treeOf(files), defaults.untested).map((f) => [f.path, f.message]),
    [
      ['src/shape.ts', 'no test reaches src/shape.ts, directly or through the modules it imports'],
      ['src/orphan.ts', 'no test reaches src/orphan.ts, directly or through the modules it imports'],
    ],
  );
});

test('unused exports: namespace imports use everything, export * forwards, signature types are kept', () => {
  const files = [
    file('lib.ts', 'export interface Opts { n: number }\nexport function make(o: Opts) { return o; }\nexport const spare = 1;\n'),
    file('ns.ts', 'export const p = 1;\nexport const q = 2;\n'),
    file('barrel.ts', "export * from './lib.js';\n"),
    file('main.ts', "import { make } from './barrel.js';\nimport * as ns from './ns.js';\nmake({ n: ns.p });\n"),
  ];
  assert.deepEqual(
    analyzeUnusedExports(treeOf(files), defaults.unusedExports).map((f) => `${f.path}:${f.startLine}`),
    ['lib.ts:3'],
  );
  assert.deepEqual(analyzeUnusedExports(treeOf(files), { entries: ['lib.ts'] }), []);
});

test('config: defaults are complete; a bad key is a one-line usage error naming it', () => {
  assert.equal(defaults.complexity.max, 15);
  assert.equal(parseAuditConfig({ size: { maxFileLines: 500 } }).size.maxFunctionLines, 60);
  assert.throws(
    () => parseAuditConfig({ complexity: { max: 0 } }),
    (error: Error & { code?: string }) => error.code === 'audit.config-invalid' && error.message.includes('audit.complexity.max'),
  );
  assert.throws(() => parseAuditConfig({ markers: { tagz: [] } }), /audit\.markers/);
});

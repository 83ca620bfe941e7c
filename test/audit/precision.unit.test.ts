// What keeps the audit from crying wolf: public API read from package.json, type-only imports that make no cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCycles } from '../../src/audit/analyzers/cycles.js';
import { analyzeSize } from '../../src/audit/analyzers/size.js';
import { analyzeUntested } from '../../src/audit/analyzers/untested.js';
import { analyzeUnusedExports } from '../../src/audit/analyzers/unused-exports.js';
import { isFrameworkEntry, publishedModules, publishedTargets, sourceStems } from '../../src/audit/entries.js';
import { moduleGraph } from '../../src/audit/imports.js';
import { defaultAuditConfig, type SourceFile } from '../../src/audit/index.js';
import { treeOf } from '../../src/audit/facts/extract.js';

const defaults = defaultAuditConfig();
const file = (path: string, content: string): SourceFile => ({ path, content });
const json = (path: string, value: unknown): SourceFile => file(path, JSON.stringify(value));
const published = (files: SourceFile[]): string[] => [...publishedModules(files)].sort();

test('package.json: main, module, types, bin (string or object) and every string of exports are published targets', () => {
  const targets = publishedTargets({
    main: './dist/index.js',
    module: './dist/index.mjs',
    types: './dist/index.d.ts',
    typings: './dist/typings.d.ts',
    bin: { one: './bin/one.js', two: 'bin/two.js' },
    exports: { '.': { import: './dist/index.mjs', require: ['./dist/index.cjs'] }, './util/*': './dist/util/*.js', './x': null },
  });
  assert.deepEqual(targets.sort(), [
    './bin/one.js',
    './dist/index.cjs',
    './dist/index.d.ts',
    './dist/index.js',
    './dist/index.mjs',
    './dist/index.mjs',
    './dist/typings.d.ts',
    './dist/util/*.js',
    'bin/two.js',
  ]);
  assert.deepEqual(publishedTargets({ bin: './cli.js', exports: './main.js' }), ['./cli.js', './main.js']);
});

test('built paths map back to sources: tsconfig outDir to rootDir, else dist/lib/build to src/, and .js to .ts', () => {
  const config = json('pkg/tsconfig.json', { compilerOptions: { rootDir: 'source', outDir: 'out' } });
  assert.ok(sourceStems('pkg/out/a/b.js', 'pkg', [config]).includes('pkg/source/a/b'));
  assert.ok(sourceStems('dist/esm/x.mjs', '', []).includes('src/x'));
  assert.ok(sourceStems('lib/x.d.ts', '', []).includes('src/x'));
  assert.ok(
    sourceStems('index.mjs', '', []).includes('src/index'),
    'a package that publishes its build at the top keeps its sources in src/',
  );
});

test('published modules: the root package and nested packages, conditions, subpaths and * patterns', () => {
  const files = [
    json('package.json', { main: './dist/index.js', bin: { tool: './dist/cli.js' }, exports: { './plugins/*': './dist/plugins/*.js' } }),
    file('src/index.ts', 'export const a = 1;\n'),
    file('src/cli.ts', 'export const b = 1;\n'),
    file('src/plugins/one.ts', 'export const c = 1;\n'),
    file('src/plugins/deep/two.tsx', 'export const d = 1;\n'),
    file('src/internal.ts', 'export const e = 1;\n'),
    json('packages/ui/package.json', { exports: { '.': { types: './lib/index.d.ts', default: './lib/index.js' } } }),
    file('packages/ui/src/index.tsx', 'export const f = 1;\n'),
    file('packages/ui/src/button.tsx', 'export const g = 1;\n'),
    json('packages/broken/package.json', 'not an object'),
    file('packages/broken/index.ts', 'export const h = 1;\n'),
  ];
  assert.deepEqual(published(files), [
    'packages/ui/src/index.tsx',
    'src/cli.ts',
    'src/index.ts',
    'src/plugins/deep/two.tsx',
    'src/plugins/one.ts',
  ]);
});

test('unused exports: public API and everything it re-exports is used; what it does not publish still is not', () => {
  const files = [
    json('package.json', { name: 'lib', type: 'module', exports: { '.': './dist/index.js' } }),
    file('src/index.ts', "export * from './core.js';\nexport { helper } from './helpers.js';\nexport const VERSION = '1';\n"),
    file('src/core.ts', 'export function parse() {}\nexport interface Options { strict: boolean }\n'),
    file('src/helpers.ts', 'export const helper = 1;\nexport const hidden = 2;\n'),
    file('src/pages/about.tsx', 'export default function About() { return null; }\n'),
    file('vite.config.ts', 'export default {};\n'),
    file('src/button.stories.tsx', 'export const Primary = {};\n'),
  ];
  assert.deepEqual(
    analyzeUnusedExports(treeOf(files), defaults.unusedExports).map((f) => `${f.path}:${f.startLine} ${f.message}`),
    ['src/helpers.ts:2 export "hidden" is never imported in this tree'],
  );
  assert.deepEqual(
    analyzeUnusedExports(treeOf(files.slice(1)), defaults.unusedExports).map((f) => f.path),
    ['src/core.ts', 'src/core.ts', 'src/helpers.ts', 'src/index.ts', 'src/index.ts'],
    'without package.json nothing says index.ts is public',
  );
  const configured = analyzeUnusedExports(treeOf(files.slice(1)), { entries: ['src/index.ts'] });
  assert.deepEqual(
    configured.map((f) => f.path),
    ['src/helpers.ts'],
    "a configured entry's `export *` is followed too",
  );
});

test('framework conventions are a short list of names tools load', () => {
  const entries = [
    'pages/index.tsx',
    'src/pages/api/user.ts',
    'app/blog/[slug]/page.tsx',
    'app/layout.tsx',
    'jest.config.js',
    'a/b.stories.tsx',
  ];
  for (const path of entries) assert.ok(isFrameworkEntry(path), path);
  for (const path of ['src/app/helpers.ts', 'src/page.ts', 'src/config.ts', 'src/stories.ts']) assert.ok(!isFrameworkEntry(path), path);
});

/** A two-module cycle whose edge from a.ts to b.ts is written `importLine`; b.ts imports a.ts for a value. */
const pair = (importLine: string, useInA: string, extra: SourceFile[] = [], ext = 'ts'): SourceFile[] => [
  file(`a.${ext}`, `${importLine}\n${useInA}\nexport const a = 1;\n`),
  file(`b.${ext}`, "import { a } from './a.js';\nexport class B {}\nexport type T = number;\nexport const b = a;\n"),
  ...extra,
];
const cycles = (files: SourceFile[]): string[] => analyzeCycles(treeOf(files), defaults.cycles).map((f) => f.message);

test('cycles: type-only imports of every syntax close no cycle', () => {
  const typeOnly: Array<[string, string]> = [
    ["import type { B } from './b.js';", 'export let x: B | undefined;'],
    ["import { type B, type T } from './b.js';", 'export let x: B | T | undefined;'],
    ["export type { B } from './b.js';", ''],
    ["export { type B, type T } from './b.js';", ''],
    ["import { B } from './b.js';", 'export function f(b: B): B[] { return [b]; }'],
    ["import { B } from './b.js';", 'export class X implements B {}\nexport interface I extends B {}\nexport let q: typeof B | undefined;'],
    ["import * as bee from './b.js';", 'export let x: bee.B | undefined;'],
    ["import type B = require('./b.js');", 'export let x: B | undefined;'],
    ["import bee = require('./b.js');", 'export let x: bee.B | undefined;'],
  ];
  for (const [line, use] of typeOnly) assert.deepEqual(cycles(pair(line, use)), [], line);
});

test('cycles: an import read as a value, in JavaScript, or kept by verbatimModuleSyntax is a runtime edge', () => {
  const runtime: Array<[string, string]> = [
    ["import { B, type T } from './b.js';", 'export const x: T = 1;\nnew B();'],
    ["import { B } from './b.js';", 'export class X extends B {}'],
    ["import { B } from './b.js';", 'export { B };'],
    ["import * as bee from './b.js';", 'console.log(bee.b);'],
    ["import bee = require('./b.js');", 'console.log(bee.b);'],
    ["import { B } from './b.js';", "console.log({ B }, 'x'.length);"],
  ];
  const expected = 'import cycle: a.ts → b.ts → a.ts';
  for (const [line, use] of runtime) assert.deepEqual(cycles(pair(line, use)), [expected], line);
  assert.deepEqual(
    cycles(pair("import { B } from './b.js';", '', [], 'js')),
    ['import cycle: a.js → b.js → a.js'],
    'JavaScript is not compiled',
  );
  const onlyTypes = "import { B } from './b.js';";
  const verbatim = json('tsconfig.json', { compilerOptions: { verbatimModuleSyntax: true } });
  assert.deepEqual(cycles(pair(onlyTypes, 'export let x: B | undefined;', [verbatim])), [expected]);
  const base = file('tsconfig.base.json', '{ // comments are allowed\n "compilerOptions": { "preserveValueImports": true, },\n}');
  const extending = json('tsconfig.json', { extends: './tsconfig.base.json' });
  assert.deepEqual(cycles(pair(onlyTypes, 'export let x: B | undefined;', [base, extending])), [expected], 'extends is followed');
  assert.deepEqual(cycles(pair(onlyTypes, 'export let x: B | undefined;', [json('tsconfig.json', { compilerOptions: {} })])), []);
});

test('import graph: the names an erased import takes still count as used exports', () => {
  const graph = moduleGraph(pair("import { B } from './b.js';", 'export let x: B | undefined;'));
  const ref = graph.get('a.ts')?.imports[0];
  assert.deepEqual([ref?.typeOnly, ref?.names], [true, ['B']]);
});

test('size: function findings carry the qualified name as symbol; package.json is not code and is never measured', () => {
  const long = `export class Box {\n  open() {\n${'    void 0;\n'.repeat(5)}  }\n}\n`;
  const findings = analyzeSize(treeOf([file('box.ts', long), file('package.json', '{\n'.repeat(50))]), {
    maxFileLines: 20,
    maxFunctionLines: 3,
  });
  assert.deepEqual(
    findings.map((f) => [f.path, f.symbol, f.metric?.name]),
    [['box.ts', 'Box.open', 'function-lines']],
  );
});

test('unused exports: an export used inside its own module is told apart from dead code', () => {
  const files = [
    file('src/a.ts', 'export function helper() { return 1; }\nexport const total = helper() + 1;\nconst hidden = 2;\nexport { hidden };\n'),
  ];
  assert.deepEqual(
    analyzeUnusedExports(treeOf(files), defaults.unusedExports).map((f) => f.message),
    [
      'export "helper" is never imported in this tree; it is used inside its module, so only the `export` is unneeded',
      'export "total" is never imported in this tree',
      'export "hidden" is never imported in this tree',
    ],
  );
});

test('a package imported by its own name (self-reference, workspace packages) resolves through its exports to the source', () => {
  const files = [
    json('package.json', { name: '@acme/lib', exports: { '.': './dist/index.js', './plugins/*': { import: './dist/plugins/*.mjs' } } }),
    file('src/index.ts', 'export const a = 1;\n'),
    file('src/plugins/csv.ts', 'export const csv = 1;\n'),
    json('packages/app/package.json', { name: 'app', main: 'lib/main.js' }),
    file('packages/app/src/main.ts', 'export const main = 1;\n'),
    file(
      'test/a.test.ts',
      "import { a } from '@acme/lib';\nimport { csv } from '@acme/lib/plugins/csv';\nimport { main } from 'app';\nconsole.log(a, csv, main);\n",
    ),
  ];
  const targets = moduleGraph(files)
    .get('test/a.test.ts')
    ?.imports.map((ref) => ref.target);
  assert.deepEqual(targets, ['src/index.ts', 'src/plugins/csv.ts', 'packages/app/src/main.ts']);
  assert.deepEqual(analyzeUntested(treeOf(files), defaults.untested), []);
});

test('untested: a namespace of types has nothing to run; tests and benchmarks are found in nested folders too', () => {
  const files = [
    file('src/types-ns.ts', 'export namespace util { export type A = string; namespace inner.deeper { type B = number; } }\n'),
    file('src/values-ns.ts', 'export namespace util { export const a = 1; }\n'),
    file('packages/x/benchmarks/run.ts', 'console.log(1);\n'),
    file('packages/x/tests/helpers.ts', 'console.log(1);\n'),
  ];
  assert.deepEqual(
    analyzeUntested(treeOf(files), defaults.untested).map((f) => f.path),
    ['src/values-ns.ts'],
  );
});

test('untested: a tree without any test (its tests live elsewhere) reports nothing rather than every module', () => {
  const files = [file('src/a.ts', 'export const a = 1;\n'), file('src/b.ts', 'export const b = 2;\n')];
  assert.deepEqual(analyzeUntested(treeOf(files), defaults.untested), []);
  const withTest = [...files, file('src/a.test.ts', "import { a } from './a.js';\nconsole.log(a);\n")];
  assert.deepEqual(
    analyzeUntested(treeOf(withTest), defaults.untested).map((f) => f.path),
    ['src/b.ts'],
  );
});

test('unused exports: a barrel re-exporting a type that its module names in an exported signature keeps it', () => {
  const files = [
    file(
      'src/types.ts',
      'export interface Spot { line: number }\nexport interface Hit extends Spot { text: string }\nexport type Lone = 1;\n',
    ),
    file('src/index.ts', "export { type Spot as Place, type Hit, type Lone } from './types.js';\n"),
    file('src/use.ts', "import type { Hit } from './index.js';\nexport const hits: Hit[] = [];\n"),
    file('test/use.test.ts', "import { hits } from '../src/use.js';\nconsole.log(hits);\n"),
  ];
  assert.deepEqual(
    analyzeUnusedExports(treeOf(files), defaults.unusedExports).map((f) => f.message),
    ['export "Lone" is never imported in this tree'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeSources,
  parseAuditConfig,
  proposalsFromFindings,
  scoredProposals,
  type Finding,
  type Location,
  type SourceFile,
} from '../../src/audit/index.js';
import { eventDataSchemas } from '../../src/record/events.js';

// Small in-memory trees run through the real analyzers, then turned into proposals.
const config = parseAuditConfig({
  duplication: { minTokens: 30, minLines: 4 },
  size: { maxFileLines: 60, maxFunctionLines: 15 },
  complexity: { max: 5 },
});
const audit = (files: SourceFile[]) => {
  const findings = analyzeSources(files, config);
  return { findings, drafts: proposalsFromFindings(findings, files), scored: scoredProposals(findings, files) };
};
const METRIC_RESTATED = /at most \d+|≤|no longer reports|complexity (is )?below|lines or fewer/i;

const GRADE = `export function grade(score: number): string {
  if (score < 0) return 'invalid';
  if (score < 50) return 'F';
  if (score < 60) return 'E';
  if (score < 70) return 'D';
  if (score < 80) return 'C';
  if (score < 90) return 'B';
  return 'A';
}
`;
const testOf = (path: string, names: string[]): SourceFile => ({
  path: `test/${path.replace(/^src\//, '').replace(/\.ts$/, '')}.test.ts`,
  content: `import { ${names.join(', ')} } from '../${path.replace(/\.ts$/, '.js')}';\n${names.map((n) => `${n};`).join('\n')}\n`,
});

test('an if-chain mapping a value to constants becomes a lookup table, sized S with low risk when tested', () => {
  const { drafts } = audit([{ path: 'src/grade.ts', content: GRADE }, testOf('src/grade.ts', ['grade'])]);
  const [draft] = drafts;
  assert.equal(drafts.length, 1);
  assert.ok(draft);
  assert.match(draft.title, /lookup table/);
  assert.match(draft.fix ?? '', /GRADE_THRESHOLDS/);
  assert.match(draft.fix ?? '', /src\/grade\.ts:2-8/);
  assert.deepEqual([draft.size, draft.risk], ['S', 'low']);
  assert.ok(draft.acceptance.some((a) => /behaviour of `grade` is unchanged/.test(a)));
  assert.ok(
    draft.acceptance.every((a) => !METRIC_RESTATED.test(a)),
    draft.acceptance.join(' | '),
  );
  assert.match(draft.why, /maps `score` to a result through 6 cases/);
  eventDataSchemas['proposal.created'].parse({ id: 'P-1', ...draft });
});

test('a switch mapping strings to constants gets a Record table; untested code raises the risk and asks for a test first', () => {
  const route = `export function route(method: string) {
  switch (method) {
    case 'GET': return 'index';
    case 'POST': return 'create';
    case 'PUT': return 'replace';
    case 'PATCH': return 'update';
    case 'DELETE': return 'remove';
    case 'HEAD': return 'peek';
    case 'OPTIONS': return 'describe';
    case 'TRACE': return 'echo';
    case 'CONNECT': return 'tunnel';
    case 'PURGE': return 'evict';
    case 'LINK': return 'relate';
    case 'UNLINK': return 'unrelate';
    default: return 'unknown';
  }
}
`;
  const other = { path: 'src/other.ts', content: 'export const other = () => 1;\n' };
  const files = [{ path: 'src/route.ts', content: route }, other, testOf(other.path, ['other'])];
  const [draft] = audit(files).drafts.filter((d) => d.title.includes('route'));
  assert.ok(draft);
  assert.match(draft.fix ?? '', /const ROUTE_BY_METHOD: Record<…, …>/);
  assert.equal(draft.risk, 'medium');
  assert.ok(draft.acceptance.some((a) => /a test pins what `route` returns/.test(a)));
});

const LONG = `export function build(items: string[], flags: Record<string, boolean>): string[] {
  const out: string[] = [];
  // Normalize the input names
  for (const item of items) {
    if (item.length === 0 || item === ' ') continue;
    if (flags.upper) out.push(item.toUpperCase());
    else if (flags.lower) out.push(item.toLowerCase());
    else out.push(item);
  }
  // Drop the duplicates
  const seen = new Set<string>();
  const unique = out.filter((x) => {
    if (seen.has(x)) return false;
    seen.add(x);
    return true;
  });
  unique.sort();
  return unique;
}
`;

test("a function's size and complexity findings are one proposal whose steps come from its comments", () => {
  const { findings, drafts } = audit([{ path: 'src/build.ts', content: LONG }, testOf('src/build.ts', ['build'])]);
  assert.deepEqual(findings.map((f) => f.analyzer).sort(), ['complexity', 'size']);
  assert.equal(drafts.length, 1);
  const [draft] = drafts;
  assert.equal(draft?.title, 'Break up `build` in src/build.ts');
  assert.match(draft?.fix ?? '', /src\/build\.ts:4-9, the lines after "\/\/ Normalize the input names" → `normalizeInputNames`/);
  assert.match(draft?.fix ?? '', /→ `dropDuplicates`/);
  assert.match(draft?.why ?? '', /19 lines \(limit 15\) and complexity 8 \(limit 5\)/);
  assert.ok(draft?.acceptance.every((a) => !METRIC_RESTATED.test(a)));
});

test('the fingerprint names the function, not which findings it has: fixing the length keeps the proposal', () => {
  const findings = audit([{ path: 'src/build.ts', content: LONG }]).findings.filter(
    (f) => f.analyzer === 'size' || f.analyzer === 'complexity',
  );
  assert.equal(findings.length, 2);
  const both = proposalsFromFindings(findings);
  const complexOnly = proposalsFromFindings(findings.filter((f) => f.analyzer === 'complexity'));
  assert.equal(both[0]?.fingerprint, complexOnly[0]?.fingerprint);
  const fromSymbol = proposalsFromFindings(findings.map((f): Finding => ({ ...f, symbol: 'build', message: 'reworded' })));
  assert.equal(fromSymbol[0]?.fingerprint, both[0]?.fingerprint);
});

test('a long file absorbs its long functions and unused exports into one split proposal naming the moves', () => {
  const helpers = Array.from({ length: 12 }, (_, i) => `function step${i}(x: number): number {\n  return x + ${i};\n}\n`).join('');
  const body = Array.from({ length: 20 }, (_, i) => `  total += step${i % 12}(${i});`).join('\n');
  const content =
    `${helpers}export function runAll(): number {\n  let total = 0;\n${body}\n  return total;\n}\n` +
    `export const unusedHere = 1;\nexport const usedHere = 2;\nexport const alsoUsed = usedHere + 1;\n` +
    `export function parseA(s: string) {\n  return s.trim();\n}\nexport function parseB(s: string) {\n  return s.trim();\n}\n` +
    `export function parseC(s: string) {\n  return s;\n}\n`;
  const { findings, drafts } = audit([{ path: 'src/big.ts', content }, testOf('src/big.ts', ['runAll', 'parseA', 'parseB', 'parseC'])]);
  assert.ok(findings.some((f) => f.metric?.name === 'file-lines') && findings.some((f) => f.analyzer === 'unused-exports'));
  const split = drafts.filter((d) => d.title.startsWith('Split src/big.ts'));
  assert.equal(split.length, 1);
  assert.equal(drafts.filter((d) => d.evidence.some((e) => e.startsWith('src/big.ts'))).length, 1, drafts.map((d) => d.title).join('\n'));
  const fix = split[0]?.fix ?? '';
  assert.match(fix, /\(\d+ lines: `runAll`, `step0`, `step1`, `step2` and 9 more\) → src\/run-all\.ts/);
  assert.match(fix, /Un-export \(still used in src\/big\.ts\): `usedHere`/);
  assert.match(fix, /Delete \(used nowhere\): `unusedHere`/);
});

const STREAMS = (
  name: string,
  stream: string,
  code: string,
) => `export function writeTo${name}(text: string, options: { newline: boolean }): void {
  const line = options.newline ? text + '\\n' : text;
  if (process.${stream}.writable) {
    process.${stream}.write(line);
    counters.${stream} += line.length;
  }
  log('${code}', line.length);
}
declare const counters: Record<string, number>;
declare function log(code: string, n: number): void;
`;

test('a duplicate names both copies, a helper from their common words, its parameters from what differs, and where it goes', () => {
  const files = [
    { path: 'src/io/out.ts', content: STREAMS('Stdout', 'stdout', 'OUT') },
    { path: 'src/io/err/err.ts', content: STREAMS('Stderr', 'stderr', 'ERR') },
  ];
  // Built by hand: whether the analyzer pairs copies that differ in property names is the duplication part's concern.
  const half = (self: Location, other: Location): Finding => ({
    analyzer: 'duplication',
    ...self,
    message: 'duplicate',
    severity: 'warning',
    metric: { name: 'duplicate-tokens', value: 60, limit: 30 },
    related: [other],
    group: 'duplication:g1',
    fingerprint: `duplication:${self.path}`,
  });
  const [out, err] = [
    { path: 'src/io/out.ts', startLine: 2, endLine: 7 },
    { path: 'src/io/err/err.ts', startLine: 2, endLine: 7 },
  ];
  const [draft] = proposalsFromFindings([half(err, out), half(out, err)], files);
  assert.ok(draft);
  assert.equal(draft.title, 'Merge the copies in `writeToStderr` and `writeToStdout` into `writeTo`');
  // The function's own variables it reads, in its own parameter order, then what differs (a logged code is the log line's `message`;
  // a property each copy writes under its own name, `counters.stderr +=`, is taken by its `key`).
  assert.match(draft.fix ?? '', /Extract `writeTo\(text, options, key, message\)` in src\/io\//);
  assert.match(draft.fix ?? '', /`key` \(`stderr` \/ `stdout`\), `message` \(`'ERR'` \/ `'OUT'`\)/);
  assert.match(draft.why ?? '', /apart from `stderr` \/ `stdout` and `'ERR'` \/ `'OUT'`/);
  assert.equal(draft.acceptance[0], 'The logic exists once: `writeToStderr` and `writeToStdout` both call `writeTo`');
  assert.ok(draft.acceptance.every((a) => !METRIC_RESTATED.test(a)));
});

test('a cycle through names used only as types is cut by making that import type-only', () => {
  const files = [
    { path: 'src/a.ts', content: "import { B } from './b.js';\nexport const make = (b: B): number => 1;\n" },
    { path: 'src/b.ts', content: "import { make } from './a.js';\nexport class B {}\nexport const run = () => make(new B());\n" },
    // With verbatimModuleSyntax the compiler keeps the import, so the cycle is real at runtime.
    { path: 'tsconfig.json', content: '{ "compilerOptions": { "verbatimModuleSyntax": true } }\n' },
  ];
  const [draft] = audit(files).drafts.filter((d) => d.fingerprint.startsWith('cycles:'));
  assert.match(draft?.fix ?? '', /Cut src\/a\.ts:1-1 \(→ src\/b\.ts\): `B` is only used as types there; make it `import type`/);
  assert.equal(draft?.size, 'S');
});

test('untested modules name the exports a first test should call, the most imported first', () => {
  const files = [
    { path: 'src/lib/text.ts', content: 'export const pad = (s: string) => s;\nexport const trim = (s: string) => s.trim();\n' },
    { path: 'src/use.ts', content: "import { trim } from './lib/text.js';\nexport const go = () => trim(' x ');\n" },
    { path: 'src/use2.ts', content: "import { trim, pad } from './lib/text.js';\nexport const go2 = () => pad(trim(' x '));\n" },
    // A tree with no test at all keeps its tests elsewhere, and the audit then reports nothing untested.
    { path: 'src/other.ts', content: 'export const other = () => 1;\n' },
    testOf('src/other.ts', ['other']),
  ];
  const draft = audit(files).drafts.find((d) => d.title === 'Add a test for src/lib/text.ts');
  assert.match(draft?.fix ?? '', /src\/lib\/text\.ts: call `trim` and `pad`/);
});

test('ranking: value over risk; the best first, every draft returned, ties in a stable order', () => {
  const marker = { path: 'src/todo.ts', content: '// TODO: one day\nexport const x = 1;\n' };
  const files = [
    { path: 'src/io/out.ts', content: STREAMS('Stdout', 'stdout', 'OUT') },
    { path: 'src/io/err/err.ts', content: STREAMS('Stderr', 'stderr', 'ERR') },
    { path: 'src/build.ts', content: LONG },
    { path: 'src/tested.ts', content: LONG.replace('build', 'assemble') },
    testOf('src/tested.ts', ['assemble']),
    marker,
  ];
  const { scored, findings } = audit(files);
  const titles = scored.map((s) => s.draft.title);
  const inOrder = (s: (typeof scored)[number], i: number): boolean => {
    const before = scored[i - 1];
    return before === undefined || before.tier < s.tier || (before.tier === s.tier && before.score >= s.score);
  };
  assert.ok(scored.every(inOrder), 'by tier, then by score');
  assert.ok(
    titles.indexOf('Break up `assemble` in src/tested.ts') < titles.indexOf('Break up `build` in src/build.ts'),
    'tested code is safer',
  );
  assert.ok(
    titles.findIndex((t) => t.startsWith('Break up')) < titles.findIndex((t) => t.startsWith('Resolve')),
    'a long, complex function beats a TODO',
  );
  assert.deepEqual(
    proposalsFromFindings([...findings].reverse(), files).map((d) => d.fingerprint),
    scored.map((s) => s.draft.fingerprint),
  );
});

test('a duplicate inside a function being broken up links the two proposals', () => {
  const twice = LONG.replace(
    'unique.sort();',
    'unique.sort();\n  const again = new Set<string>();\n' +
      '  out.filter((x) => {\n    if (again.has(x)) return false;\n    again.add(x);\n    return true;\n  });',
  );
  const { drafts } = audit([{ path: 'src/build.ts', content: twice }]);
  const fn = drafts.find((d) => d.title.startsWith('Break up'));
  const dup = drafts.find((d) => d.fingerprint.startsWith('duplication:'));
  assert.ok(fn && dup, drafts.map((d) => d.title).join('\n'));
  assert.ok(fn.related.includes(dup.fingerprint));
  assert.ok(dup.related.includes(fn.fingerprint));
});

// What makes a proposal worth a maintainer's time: a concrete fix ranks before a vague one, re-exports are not
// "deleted", test copies become tables, steps get names from what they produce, ranges written as code become tables,
// and split groups list their own lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyzeSources, parseAuditConfig, scoredProposals, type Finding, type SourceFile } from '../../src/audit/index.js';
import { parse } from '../../src/audit/parse.js';
import { unusedFix } from '../../src/audit/proposal-text/modules.js';
import { lookupChain } from '../../src/audit/suggest/lookup.js';
import { splitPlan } from '../../src/audit/suggest/split.js';
import { stepsOf } from '../../src/audit/suggest/steps.js';

const config = parseAuditConfig({
  duplication: { minTokens: 30, minLines: 4 },
  size: { maxFileLines: 60, maxFunctionLines: 15 },
  complexity: { max: 5 },
});

const firstFunction = (file: SourceFile): { fn: ts.FunctionDeclaration; sf: ts.SourceFile } => {
  const sf = parse(file);
  const fn = sf.statements.find(ts.isFunctionDeclaration);
  assert.ok(fn);
  return { fn, sf };
};

const finding = (over: Partial<Finding> & Pick<Finding, 'analyzer' | 'path' | 'message' | 'fingerprint'>): Finding => ({
  startLine: 1,
  endLine: 1,
  severity: 'warning',
  ...over,
});

test('a proposal with only the "no obvious seams" fallback ranks after every proposal with a concrete fix', () => {
  const grade = {
    path: 'src/grade.ts',
    content: `export function grade(score: number): string {
  if (score < 50) return 'F';
  if (score < 60) return 'E';
  if (score < 70) return 'D';
  if (score < 80) return 'C';
  if (score < 90) return 'B';
  if (score < 95) return 'A';
  return 'A+';
}
`,
  };
  const vague = finding({
    analyzer: 'size',
    path: 'src/huge.ts',
    message: 'function huge has 900 lines',
    symbol: 'huge',
    startLine: 1,
    endLine: 900,
    metric: { name: 'function-lines', value: 900, limit: 60 },
    fingerprint: 'size:huge',
  });
  const findings = [...analyzeSources([grade], config), vague];
  const scored = scoredProposals(findings, [grade]);
  const first = scored.find((s) => /lookup table/.test(s.draft.title));
  const last = scored.at(-1);
  assert.ok(first && scored.indexOf(first) < scored.length - 1, scored.map((s) => s.draft.title).join(' | '));
  assert.match(last?.draft.fix ?? '', /no obvious seams/);
  assert.equal(last?.tier, 3, 'a 900-line function that is not complex is below the bar: only "split it somehow" to say');
  assert.ok((last?.score ?? 0) > (first?.score ?? 0), 'the vague one is worth more on paper, yet ranks last');
});

test('unused re-exports say "stop re-exporting", never "delete"; a barrel deletes nothing', () => {
  const relay: SourceFile = {
    path: 'src/relay.ts',
    content: `export { parseA, parseB } from './parse.js';\nexport const local = 1;\nexport const kept = local + 1;\n`,
  };
  const message = (name: string) => `export ${name} is not imported anywhere`;
  const members = ['parseA', 'parseB', 'local', 'kept'].map((name, i) =>
    finding({ analyzer: 'unused-exports', path: relay.path, message: message(name), startLine: i < 2 ? 1 : i, fingerprint: name }),
  );
  const fix = unusedFix(relay, members);
  assert.match(fix, /Stop re-exporting \(the modules they come from keep them\): `parseA` \(line 1\) and `parseB` \(line 1\)/);
  assert.match(fix, /Un-export \(still used in src\/relay\.ts\): `local`/);
  assert.match(fix, /Delete \(used nowhere\): `kept`/);
  const barrel = { ...relay, path: 'src/lib/index.ts' };
  const barrelFix = unusedFix(
    barrel,
    members.map((m) => ({ ...m, path: barrel.path })),
  );
  assert.doesNotMatch(barrelFix, /Delete/);
  assert.match(barrelFix, /if they are not meant as the API of this entry point/);
});

test('test blocks that differ only in literals become one table-driven test, ranked after source code', () => {
  const block = (name: string, a: number, b: number, mode: string) => `test('${name}', () => {
  const result = compute(${a}, ${b}, { mode: '${mode}', retries: 3, label: 'sum' });
  assert.equal(result.total, ${a + b});
  assert.equal(result.mode, '${mode}');
  assert.ok(result.done && result.retries === 3);
});
`;
  const file = {
    path: 'test/compute.test.ts',
    content:
      'declare function test(n: string, f: () => void): void;\ndeclare const assert: any;\n' +
      `declare function compute(a: number, b: number, o: object): any;\n${block('small', 1, 2, 'fast')}${block('large', 100, 200, 'slow')}`,
  };
  const scored = scoredProposals(analyzeSources([file], config), [file]);
  const table = scored.find((s) => /table-driven/.test(s.draft.title));
  assert.ok(table, scored.map((s) => s.draft.title).join(' | '));
  assert.match(table.draft.fix ?? '', /for \(const \[input, expected\] of cases\)/);
  assert.doesNotMatch(table.draft.fix ?? '', /Extract/);
  assert.equal(table.tier, 3, 'test code only: kept as a finding, never proposed');
  assert.equal(table.belowBar, 'test, benchmark or test-support code only');
});

test('step names come from what a step produces; a callee, a condition or the own name is never the name', () => {
  const file = {
    path: 'src/plan.ts',
    content: `export function plan(options: { tree: string; roll: number }, schema: Record<string, unknown>): string[] {
  const args: string[] = [];
  if (existsSync(options.tree)) {
    args.push('--tmpfs', options.tree);
    args.push('--dev', '/dev');
    args.push('--proc', '/proc');
  }
  const ref = schema.ref;
  if (ref !== undefined) {
    schema['$ref'] = ref;
    plan(options, schema);
    return args;
  }
  if (args.length > 9) {
    args.push('--more');
    args.push('--tail');
    args.push('--end');
  }
  if (options.roll < 0.14) {
    console.log('a');
    console.log('b');
    console.log('c');
  }
  return args;
}
declare function existsSync(p: string): boolean;
`,
  };
  const { fn, sf } = firstFunction(file);
  const names = stepsOf(fn, sf).map((s) => [s.what, s.name]);
  assert.deepEqual(names, [
    ['the `if (existsSync(options.tree))` block', 'addArgs'],
    ['the `if (ref !== undefined)` block', 'setRef'],
    ['the `if (args.length > 9)` block', ''],
    ['the `if (options.roll < 0.14)` block', ''],
  ]);
});

test('range tests written with && (an if-chain or one || expression) are recognized as a range table', () => {
  const width = {
    path: 'src/width.ts',
    content: `function charWidth(code: number): number {
  if (code === 0x200b) return 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff);
  return wide ? 2 : 1;
}
`,
  };
  const { fn, sf } = firstFunction(width);
  assert.deepEqual(lookupChain(fn, sf), {
    kind: 'intervals',
    subject: 'code',
    cases: 4,
    special: 0,
    startLine: 4,
    endLine: 7,
    name: 'wide',
  });
  const chain = {
    path: 'src/chain.ts',
    content: `function cellWidth(c: number): number {
  if (c >= 0x1100 && c <= 0x115f) return 2;
  if (c >= 0x2e80 && c <= 0xa4cf) return 2;
  if (c >= 0x300 && c <= 0x36f) return 0;
  return 1;
}
`,
  };
  const other = firstFunction(chain);
  assert.equal(lookupChain(other.fn, other.sf)?.kind, 'intervals');
});

test("a split group whose helpers sit apart lists the members' own ranges, which do not overlap the other groups", () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
  const content = [
    `function helperOfA(): number {\n  return 1;\n}`,
    `export function anchorB(): number {\n  let x = 0;\n${body(22)}\n  return x;\n}`,
    `export function anchorA(): number {\n  let x = helperOfA();\n${body(22)}\n  return x;\n}`,
  ].join('\n');
  const moves = splitPlan({ path: 'src/two.ts', content }, 10);
  const a = moves.find((m) => m.label === 'anchorA');
  const b = moves.find((m) => m.label === 'anchorB');
  assert.ok(a && b);
  assert.deepEqual(a.ranges, [
    [1, 3],
    [30, 55],
  ]);
  for (const [start, end] of a.ranges) assert.ok(end < b.startLine || start > b.endLine);
});

test('a block copied three times is one proposal naming the three copies, not three pairs', () => {
  const body = (stream: string, tag: string) => `  const lines = text.split('\\n');
  for (const line of lines) {
    if (line.trim().length === 0) continue;
    process.${stream}.write(\`[${tag}] \${line.trimEnd()}\\n\`);
  }
  return lines.length;`;
  const files = ['stdout', 'stderr', 'stdin'].map((stream) => ({
    path: `src/io/${stream}.ts`,
    content: `export function writeTo${stream}(text: string): number {\n${body(stream, stream.toUpperCase())}\n}\n`,
  }));
  const findings = analyzeSources(files, config).filter((f) => f.analyzer === 'duplication');
  assert.equal(new Set(findings.map((f) => f.group)).size, 3, 'three pairs among three copies');
  const drafts = scoredProposals(findings, files).map((s) => s.draft);
  assert.equal(drafts.length, 1);
  const [draft] = drafts;
  assert.match(draft?.title ?? '', /^Merge the 3 copies in `writeTostderr`, `writeTostdin` and `writeTostdout` into `write`/);
  assert.match(draft?.fix ?? '', /call it from the 3 places/);
  assert.deepEqual(draft?.evidence, ['src/io/stderr.ts:1-8', 'src/io/stdin.ts:1-8', 'src/io/stdout.ts:1-8']);
});

// The proposal bar: what stays a finding and what is worth a maintainer's time. Each case is a shape that a strict
// review of real proposals (docs/audit-quality.md) judged as noise, next to the shape it judged useful.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources, parseAuditConfig, rankedDrafts, scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';

// Unused exports off: these one-file trees import nothing, so every copy would be dead code (proposal-signature tests that rule).
const config = parseAuditConfig({
  duplication: { minTokens: 30, minLines: 4 },
  size: { maxFunctionLines: 15 },
  complexity: { max: 5 },
  unusedExports: { enabled: false },
});
const score = (files: SourceFile[], given = config) => scoredProposals(analyzeSources(files, given), files);
const titled = (files: SourceFile[], pattern: RegExp, given = config) => {
  const all = score(files, given);
  const hit = all.find((s) => pattern.test(s.draft.title));
  assert.ok(hit, all.map((s) => `${s.draft.title} [${s.tier}]`).join(' | '));
  return hit;
};

const guard = (tool: string) => `  const st = statSync(path);
  if (!st.isFile()) throw new Error('${tool}: not a regular file');
  const limit = maxBytes(options);
  if (limit !== null && st.size > limit) throw new Error('${tool}: too large');
  const data = readFileSync(path, 'utf8');
  const lines = data.split('\\n');
  log.push(data.length);
  log.push(lines.length);`;
const PRELUDE = `declare function statSync(p: string): { isFile(): boolean; size: number };
declare function readFileSync(p: string, e: string): string;
declare function maxBytes(o: object): number | null;
declare const log: number[];
`;

test('a clean duplicate in source code is proposed; the same copies in a test file stay a finding', () => {
  const body = (name: string) =>
    `export function ${name}(path: string, options: object): number {\n${guard(name)}\n  return log.length;\n}\n`;
  const source = { path: 'src/tools.ts', content: `${PRELUDE}${body('read')}${body('edit')}` };
  const proposed = titled([source], /Merge the copies in `read` and `edit`/);
  assert.equal(proposed.tier, 0);
  assert.equal(proposed.belowBar, undefined);
  const inTests = titled([{ ...source, path: 'test/tools.test.ts' }], /copies in `read` and `edit`/);
  assert.equal(inTests.tier, 3);
  assert.match(inTests.belowBar ?? '', /test/);
  const inSupport = titled([{ ...source, path: 'support/fakes/tools.ts' }], /Merge the copies/);
  assert.equal(inSupport.tier, 3, 'test helpers by their directory');
});

test('copies that return from their middle, or cut across blocks, do not extract as they stand', () => {
  // The same loop body in two otherwise different functions: its `continue` belongs to a loop outside the copy.
  const jumping = (name: string, before: string, after: string) =>
    `export function ${name}(path: string, options: object): number {\n  ${before}\n  for (const x of log) {\n${guard(name)}\n` +
    `    if (x > 3) continue;\n    log.push(x);\n    ${after}\n  }\n  return 0;\n}\n`;
  const content = `${PRELUDE}${jumping('scanA', 'const a = log.length * 3;', 'if (x === 9) {\n      log.pop();\n    }')}${jumping(
    'scanB',
    'let b = 0;\n  while (b < 2) b++;',
    'log.unshift(x, x, x);',
  )}`;
  const jumps = titled([{ path: 'src/jump.ts', content }], /Merge the copies/);
  assert.equal(jumps.tier, 3);
  assert.match(jumps.belowBar ?? '', /returns, breaks or yields|cut across/);
  // The tail of one method and the head of the next: the copy's braces close one block and open another.
  const tail = (name: string) =>
    `  ${name}A(path: string): number {\n    const st = statSync(path);\n    if (!st.isFile()) log.push(1);\n    return st.size;\n  }\n` +
    `  ${name}B(path: string): string {\n    const data = readFileSync(path, 'utf8');\n    log.push(data.length);\n    return data;\n  }\n`;
  const classes = `${PRELUDE}export class One {\n${tail('one')}}\nexport class Two {\n${tail('two')}}\n`;
  const fragments = score([{ path: 'src/classes.ts', content: classes }]).filter(
    (s) => s.draft.evidence.length > 0 && /Merge/.test(s.draft.title),
  );
  assert.ok(fragments.length > 0);
  for (const f of fragments) if (f.belowBar) assert.match(f.belowBar, /cut across|small|mostly types/);
});

test('files, `any` counts and TODOs stay findings; a function is proposed for splitting only far over both limits', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `  total += ${i};`).join('\n');
  const long = {
    path: 'src/long.ts',
    content: `export function long(): number {\n  let total = 0;\n${lines}\n  return total;\n}\n// TODO: later\n`,
  };
  const all = score([long]);
  const split = all.find((s) => /Break up `long`/.test(s.draft.title));
  assert.ok(split);
  assert.equal(split.tier, 3, 'long but flat: splitting it restates the metric');
  assert.equal(all.find((s) => /TODO|Resolve/.test(s.draft.title))?.tier, 3);
});

test('unused exports are proposed only when something is dead; dropping `export` alone stays a finding', () => {
  const lib = {
    path: 'src/lib.ts',
    content: 'export const used = 1;\nexport const alsoHere = used + 1;\nexport function dead() {\n  return 2;\n}\n',
  };
  const main = { path: 'src/main.ts', content: "import { used } from './lib.js';\nconsole.log(used);\n" };
  const withUnused = parseAuditConfig({});
  const unused = titled([lib, main], /unused export/, withUnused);
  assert.equal(unused.tier, 0, unused.draft.fix);
  const onlyLocal = { ...lib, content: 'export const used = 1;\nexport const alsoHere = used + 1;\nconsole.log(alsoHere);\n' };
  assert.equal(titled([onlyLocal, main], /unused export/, withUnused).tier, 3);
});

test('two files copying each other block after block become one base-class proposal, not one per block', () => {
  // Six members, each its own shape, copied into both classes (a class forked into a beta twin).
  const BODIES = [
    "const parts = input.split(',').map((p) => p.trim());\n    this.count += parts.length;\n    return parts.join('|');",
    "if (input.length === 0) throw new Error('empty');\n    this.events.push(input);\n    return input.toUpperCase();",
    'let total = 0;\n    for (const ch of input) total += ch.charCodeAt(0);\n    this.count = total % 7;\n    return String(total);',
    "const seen = new Set<string>();\n    for (const w of input.split(' ')) if (!seen.has(w)) seen.add(w);\n    return [...seen].sort().join(' ');",
    "const [head, ...rest] = input.split(':');\n    this.events.push(head ?? '');\n    return rest.length > 0 ? rest.join(':') : input;",
    'const n = Number.parseInt(input, 10);\n    if (Number.isNaN(n)) return this.events.join();\n    this.count += n;\n    return (n * 2).toString(16);',
  ];
  const member = (_cls: string, i: number) => `  step${i}(input: string): string {\n    ${BODIES[i]}\n    this.events.push('step');\n  }\n`;
  // Between the copies, members of different shapes in each file, so the copies are separate blocks.
  const unrelated = (cls: string, i: number) =>
    cls === 'Stream'
      ? `  own${i}(): number {\n    return ${i};\n  }\n`
      : `  other${i}(a: string, b: string): boolean {\n    if (a === b) return true;\n    return a.length > ${i} || b.startsWith(a);\n  }\n`;
  const forked = (cls: string) => ({
    path: `src/${cls.toLowerCase()}.ts`,
    content:
      `class ${cls} {\n  events: string[] = [];\n  count = 0;\n` +
      [0, 1, 2, 3, 4, 5].map((i) => `${member(cls, i)}${unrelated(cls, i)}`).join('') +
      '}\n',
  });
  const files = [forked('Stream'), forked('BetaStream')];
  const all = score(files);
  const shared = all.filter((s) => /one base class/.test(s.draft.title));
  assert.equal(shared.length, 1, all.map((s) => s.draft.title).join(' | '));
  assert.match(shared[0]?.draft.title ?? '', /`BetaStream` and `Stream`/);
  assert.equal(shared[0]?.tier, 0);
  // Each side counted in its own terms, so the count matches the ranges listed under it.
  assert.match(
    shared[0]?.draft.why ?? '',
    /\d+ blocks \(\d+ lines\) in src\/betastream\.ts against \d+ blocks \(\d+ lines\) in src\/stream\.ts/,
  );
  assert.equal(all.filter((s) => /Merge the copies/.test(s.draft.title)).length, 0, 'no per-block proposal beside it');
  const { proposable } = rankedDrafts(analyzeSources(files, config), files);
  assert.equal(proposable, 1);
  // Named as the other's version (a published beta beside its stable twin): forked on purpose, each retires alone.
  const versions = [forked('Stream'), { ...forked('BetaStream'), path: 'src/beta-stream.ts' }];
  const versioned = score(versions).filter((s) => /one base class/.test(s.draft.title));
  assert.equal(versioned[0]?.tier, 3);
  assert.match(versioned[0]?.belowBar ?? '', /src\/beta-stream\.ts is another version of src\/stream\.ts/);
  assert.equal(rankedDrafts(analyzeSources(versions, config), versions).proposable, 0);
});

test('a helper is never named after a member the file already has, nor strung from the calls it makes (a checked call is `statFile`)', () => {
  const own: Record<string, string> = {
    ZodA: '  min(): number {\n    return 1;\n  }\n',
    ZodB: "  accepts(x: string): boolean {\n    return x.length > 2 && x !== 'b';\n  }\n",
  };
  const parse = (cls: string) =>
    `class ${cls} {\n${own[cls]}  _parse(path: string, options: object): number {\n${guard(cls)}\n    return log.length;\n  }\n}\n`;
  const hit = titled([{ path: 'src/zod.ts', content: `${PRELUDE}${parse('ZodA')}${parse('ZodB')}` }], /Merge the copies/);
  // `statSync` then `if (!st.isFile()) throw`: the call's verb and what the guard asks of its value (round 8).
  assert.match(hit.draft.title, /into `statFile`$/);
  assert.doesNotMatch(hit.draft.fix ?? '', /`_parse\(|statSync|readFileSync/);
});

test('copies that are one call passing values on stay a finding: the callee is the shared code already', () => {
  const adapter = (name: string, extra: string) => `export function ${name}(opts: Opts) {
  return (req: Req, res: Res) => {
    const path = req.url.slice(1);
    run(async () => {
      await handleRequest({
        ...opts,
        req,
        res,
        path,
      });
    });
    ${extra}
  };
}
`;
  const prelude = `type Opts = object; type Req = { url: string }; type Res = object;
declare function run(f: () => Promise<void>): void;
declare function handleRequest(o: object): Promise<void>;
`;
  const files = [
    { path: 'src/express.ts', content: prelude + adapter('express', 'log(1);') },
    { path: 'src/next.ts', content: prelude + adapter('next', 'log(2);') },
    { path: 'src/standalone.ts', content: prelude + adapter('standalone', 'log(3);') },
  ];
  const findings = copiesAt('pt', ['src/express.ts', 8, 13], ['src/next.ts', 8, 13], ['src/standalone.ts', 8, 13]);
  const [scored] = scoredProposals(findings, files);
  assert.ok(scored, 'a scored draft');
  assert.ok(scored.tier >= 2, scored.draft.title);
  assert.match(scored.belowBar ?? '', /one call passing its function's values on/, scored.belowBar);
});

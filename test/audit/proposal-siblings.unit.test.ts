// The sixth review's asks (docs/audit-quality.md, "Sixth round"): a protected base method only where the base declares
// what the copy reads, sibling methods of one shape folded into one helper, and the "types that differ" wording for
// two files that copy each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources, parseAuditConfig, scoredProposals, type SourceFile } from '../../src/audit/index.js';
import ts from '../../src/audit/compiler.cjs';
import { parse as parseSource } from '../../src/audit/parse.js';
import { oneWordSwapped, twinBranches } from '../../src/audit/suggest/twin-branches.js';
import { baseDeclares, thisChains } from '../../src/audit/suggest/base-members.js';
import { sharedModuleOver } from '../../src/audit/proposal-text/shared-files.js';
import type { Difference } from '../../src/audit/suggest/duplicate.js';
import { copiesAt } from '../../support/audit/helpers.js';
import { ajvTwins, zodSibling } from './fixture-code.js';

const lineOf = (content: string, text: string): number => content.slice(0, content.indexOf(text)).split('\n').length;
// A zod-like base: `_def` is the base's `Def`, constrained to a def with no `checks`; `_getType` is the base's own.
const BASE = `export interface TypeDef {
  description?: string;
}
export class Base<Out, Def extends TypeDef = TypeDef> {
  readonly _def!: Def;
  _getType(input: { data: unknown }): string {
    return typeof input.data;
  }
  _ctx(input: { data: unknown }): { seen: string } {
    return { seen: typeof input.data };
  }
}
interface ChecksDef extends TypeDef {
  checks: { kind: string; value: number }[];
}
`;

const maxGetter = (cls: string, getter: string) => `export class ${cls} extends Base<number, ChecksDef> {
  get ${getter}(): number | null {
    let max: number | null = null;
    for (const ch of this._def.checks) {
      if (ch.kind === 'max') {
        if (max === null || ch.value < max) max = ch.value;
      }
    }
    return max;
  }
}
`;

test('the base declares what a copy reads only when every this.a.b resolves through its declarations', () => {
  const content = BASE + maxGetter('Str', 'maxLength');
  const file: SourceFile = { path: 'src/types.ts', content };
  const start = lineOf(content, 'get maxLength');
  const chains = thisChains(file, { path: file.path, startLine: start, endLine: start + 8 });
  assert.deepEqual(chains, [['_def', 'checks']]);
  assert.equal(baseDeclares(file, 'Base', chains), false, "Base's _def is a TypeDef: no `checks`");
  assert.equal(baseDeclares(file, 'Base', [['_def', 'description']]), true, 'the constraint declares `description`');
  assert.equal(baseDeclares(file, 'Base', [['_getType'], ['_ctx']]), true);
  assert.equal(baseDeclares(file, 'Base', [['_parse']]), false);
  assert.equal(baseDeclares(file, 'Elsewhere', [['_getType']]), false, 'a base declared in another file is not assumed');
});

test('copied getters reading state the base does not declare get a free function over that state, not a base method', () => {
  const content = BASE + maxGetter('Str', 'maxLength') + maxGetter('Num', 'maxValue') + maxGetter('Big', 'maxBig');
  const files = [{ path: 'src/types.ts', content }];
  const at = (getter: string): [string, number, number] => [
    'src/types.ts',
    lineOf(content, `get ${getter}`) + 1,
    lineOf(content, `get ${getter}`) + 7,
  ];
  const all = scoredProposals(copiesAt('max', at('maxLength'), at('maxValue'), at('maxBig')), files);
  const fix = all.find((s) => s.tier < 2)?.draft.fix ?? '';
  assert.match(fix, /Extract `maxOf\(checks\)` in src\/types\.ts/, fix);
  assert.doesNotMatch(fix, /protected method|on `Base`/);
});

// Four sibling classes whose `_parse` is one body: the detector pairs only two of them as methods (the others are found
// inside longer class-level copies). Void checks `undefined` but expects `void`: two parameters, not one.
const parse = (cls: string, checked: string, expected = checked) => zodSibling(cls, 'Base<unknown>', checked, expected);
const PRELUDE = `${BASE}declare const Kind: Record<string, string>;\ndeclare function report(ctx: object, issue: object): void;\n`;

test('sibling methods of the same shape join the pair the detector found: one helper for all, a parameter per column', () => {
  const content =
    PRELUDE +
    parse('ZodSymbol', 'symbol') +
    parse('ZodUndefined', 'undefined') +
    parse('ZodNull', 'null') +
    parse('ZodVoid', 'undefined', 'void');
  const files = [{ path: 'src/types.ts', content }];
  const method = (cls: string): [string, number, number] => {
    const start = lineOf(content, `class ${cls} `) + 1;
    return ['src/types.ts', start, start + 12];
  };
  const all = scoredProposals(copiesAt('pair', method('ZodUndefined'), method('ZodVoid')), files);
  const proposed = all.filter((s) => s.tier < 2);
  assert.equal(proposed.length, 1, all.map((s) => `${s.draft.title} [${s.tier}] ${s.belowBar ?? ''}`).join(' | '));
  const draft = proposed[0]?.draft;
  assert.match(
    draft?.title ?? '',
    /Merge the 4 copies in `ZodSymbol\._parse`, `ZodUndefined\._parse`, `ZodNull\._parse` and `ZodVoid\._parse`/,
  );
  assert.equal(draft?.evidence.length, 4, 'every sibling is evidence');
  const fix = draft?.fix ?? '';
  // `Base` is exported and its `_getType` / `_ctx` are public: a module-private function taking the instance, named.
  assert.ok(
    fix.includes(
      'Extract `parseParsedType(self, input, expectedParsedType, expected)` in src/types.ts as a module-private function ' +
        'taking the instance (`self: Base`; a member of the exported `Base` would add to its public API)',
    ),
    fix,
  );
  assert.doesNotMatch(fix, /protected method/);
  assert.match(fix, /`expectedParsedType` \(`symbol` \/ `undefined` \/ `null` \/ `undefined`\)/);
  assert.match(fix, /`expected` \(`symbol` \/ `undefined` \/ `null` \/ `void`\)/);
});

test('a sibling of another shape is left out', () => {
  const other = `export class ZodOdd extends Base<unknown> {
  _parse(input: { data: unknown }): string {
    return this._getType(input) === 'odd' ? 'ok' : 'invalid';
  }
}
`;
  const content = PRELUDE + parse('ZodUndefined', 'undefined') + other + parse('ZodVoid', 'undefined', 'void');
  const method = (cls: string): [string, number, number] => {
    const start = lineOf(content, `class ${cls} `) + 1;
    return ['src/types.ts', start, start + 12];
  };
  const all = scoredProposals(copiesAt('pair', method('ZodUndefined'), method('ZodVoid')), [{ path: 'src/types.ts', content }]);
  assert.ok(
    all.some((s) => /Merge the copies in `ZodUndefined\._parse` and `ZodVoid\._parse`/.test(s.draft.title)),
    all.map((s) => s.draft.title).join(' | '),
  );
});

const diff = (a: string, b: string, kind: Difference['kind']): Difference => ({ a, b, kind });

test('two files that differ only in types share one generic module; other names become its parameters', () => {
  assert.equal(sharedModuleOver([]), 'parameterized by what differs');
  assert.equal(sharedModuleOver([diff('x', 'y', 'name')]), 'parameterized by what differs');
  assert.equal(
    sharedModuleOver([diff('BetaMessage', 'Message', 'type'), diff('BetaParams', 'Params', 'type')]),
    'generic over the types that differ (`BetaMessage` / `Message` and `BetaParams` / `Params`; the copies differ in nothing else)',
  );
  assert.equal(
    sharedModuleOver([diff('BetaMessage', 'Message', 'type'), diff('parseBeta', 'parse', 'name')]),
    'generic over the types that differ (`BetaMessage` / `Message`) and taking the other differences as parameters (`parseBeta` / `parse`)',
  );
  // Beside a base class, the classes' own names are no difference, and what else differs stays in each class.
  assert.equal(
    sharedModuleOver(
      [diff('BetaEvent', 'Event', 'type'), diff('BetaStream', 'Stream', 'name'), diff('body', 'messages', 'property')],
      ['BetaStream', 'Stream'],
    ),
    'generic over the types that differ (`BetaEvent` / `Event`), each class keeping the other 1 difference (`body` / `messages`)',
  );
});

// Ajv's `addEvaluatedFrom`: two halves, the same code with `props` in one where the other has `items`.
const TWINS = ajvTwins(
  `export function addEvaluatedFrom(it: State, sch: Sch | undefined, gen: Gen, source: string): void {
  if (!it.opts.unevaluated) return;
  const schEvaluated = sch?.validate?.evaluated;
`,
  'true',
);

test('a complex function made of twin branches is proposed as one branch written once, keyed by the word they swap', () => {
  const files = [{ path: 'src/ref.ts', content: TWINS }];
  const config = parseAuditConfig({ complexity: { max: 15 } });
  const findings = analyzeSources(files, config).filter((f) => f.analyzer === 'complexity');
  assert.equal(findings.length, 1, 'the fixture is over the complexity limit');
  const all = scoredProposals(findings, files);
  const draft = all.find((s) => s.tier < 2)?.draft;
  assert.ok(draft, all.map((s) => `${s.draft.title} [${s.tier}] ${s.belowBar ?? ''}`).join(' | '));
  assert.equal(draft.title, 'Merge the twin branches of `addEvaluatedFrom` into one');
  assert.deepEqual(draft.evidence, ['src/ref.ts:5-14', 'src/ref.ts:15-24']);
  assert.match(draft.why, /with `props` where the other has `items`/);
  assert.match(draft.why, /its own `\/\/ TODO refactor` asks for the change/);
  assert.match(draft.fix ?? '', /`key: 'props' \| 'items'`/);
  assert.doesNotMatch(draft.fix ?? '', /todoRefactor/, 'nothing is named after a marker comment');
});

test('twin branches: one word swapped in every difference is the key; other differences are not', () => {
  const d = (a: string, b: string): Difference => ({ a, b, kind: 'name' });
  assert.deepEqual(oneWordSwapped([d('dynamicProps', 'dynamicItems'), d('"props"', '"items"'), d('props', 'items')]), ['props', 'items']);
  assert.equal(oneWordSwapped([d('dynamicProps', 'dynamicItems'), d('stdout', 'stderr')]), undefined);
  assert.equal(oneWordSwapped([d('readFile', 'writeStream')]), undefined, 'two words differ');
  // Statements of another shape are not twins.
  const file: SourceFile = {
    path: 'src/x.ts',
    content: 'export function f(a: number, b: number): number {\n  if (a > 1) {\n    a = a + 1;\n    b = b * 2;\n  }\n  return a + b;\n}\n',
  };
  const sf = parseSource(file);
  const fn = sf.statements[0] as ts.FunctionDeclaration;
  assert.equal(twinBranches(fn, sf, file), null);
});

test('two anonymous callbacks alike are an ordinary copy: no "make one call the other" (a callback has no name to call)', () => {
  const mapper = (fn: string) => `export function ${fn}(hits: Hit[]): Row[] {
  return hits.map((h) => ({
    path: h.path,
    score: Math.round(h.score * 100) / 100,
    line: h.line ?? 0,
    text: h.text.trim(),
  }));
}
`;
  const files = [
    { path: 'src/a.ts', content: mapper('projectSearch') },
    { path: 'src/b.ts', content: mapper('attachSearch') },
  ];
  const findings = copiesAt('cb', ['src/a.ts', 2, 7], ['src/b.ts', 2, 7]);
  const titles = scoredProposals(findings, files).map((s) => s.draft.title);
  assert.ok(titles.length > 0);
  assert.ok(
    titles.every((t) => !/^Make .* call /.test(t)),
    titles.join(' | '),
  );
});

test("a module loaded only through the package's bin is not proposed for a test, even when a tested module imports its types", () => {
  const files: SourceFile[] = [
    { path: 'package.json', content: JSON.stringify({ name: 'p', bin: { p: 'dist/cli.js' } }) },
    {
      path: 'src/cli.ts',
      content: "import type { Options } from './launch.js';\nconst { run } = await import('./launch.js');\nrun({} as Options);\n",
    },
    {
      path: 'src/launch.ts',
      content:
        'export interface Options {\n  dir?: string;\n}\nexport function run(options: Options): number {\n  return options.dir ? 1 : 0;\n}\n',
    },
    {
      path: 'src/attach.ts',
      content: "import type { Options } from './launch.js';\nexport const attach = (o: Options): string => o.dir ?? '';\n",
    },
    { path: 'test/attach.test.ts', content: "import { attach } from '../src/attach.js';\nattach({});\n" },
  ];
  const findings = analyzeSources(files, parseAuditConfig({}));
  assert.ok(
    findings.some((f) => f.analyzer === 'untested' && f.path === 'src/launch.ts'),
    'no test loads launch.ts',
  );
  const untested = scoredProposals(findings, files).filter(
    (s) => s.draft.evidence.some((e) => e.startsWith('src/launch.ts')) && /test/i.test(s.draft.title),
  );
  assert.ok(untested.length > 0);
  assert.ok(
    untested.every((s) => s.tier === 3 && /entry points/.test(s.belowBar ?? '')),
    untested.map((s) => `${s.draft.title} [${s.tier}] ${s.belowBar ?? ''}`).join(' | '),
  );
});

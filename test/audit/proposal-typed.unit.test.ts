// The seventh round's asks (docs/audit-quality.md, "Seventh round"): a fix must type-check as written and keep public
// types. Twin branches over members of different types are a generic helper, not a `key` index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources, parseAuditConfig, scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { copiesAt } from '../../support/audit/helpers.js';
import { ajvTwins, zodSibling } from './fixture-code.js';

// Ajv's `addEvaluatedFrom` with its declarations: `props` and `items` select members of different types.
const DECLARATIONS = (props: string, items: string): string => `export class Name {
  private readonly str = "";
}
export type Props = ${props};
export type Items = ${items};
type Merge<T extends Props | Items> = (gen: Gen, from: Name | T, to: Name | Exclude<T, true> | undefined, toName?: typeof Name) => Name | T;
export interface Gen { var(name: string, code: string): Name }
export interface State { opts: { unevaluated?: boolean }; props?: Props | Name; items?: Items | Name }
export interface Evaluated { props?: Props; items?: Items; dynamicProps: boolean; dynamicItems: boolean }
export declare const merge: { props: Merge<Props>; items: Merge<Items> };
`;

const TWINS = ajvTwins(
  `import { merge, Name, type Evaluated, type Gen, type State } from './types.js';

export function addEvaluatedFrom(it: State, schEvaluated: Evaluated | undefined, gen: Gen, source: string): void {
  if (!it.opts.unevaluated) return;
`,
  'Name',
);

/** The twin-branch draft's fix, and why it stays a finding if it does. */
const twinDraft = (props: string, items: string): { fix: string; belowBar: string | undefined } => {
  const files = [
    { path: 'src/types.ts', content: DECLARATIONS(props, items) },
    { path: 'src/ref.ts', content: TWINS },
  ];
  const findings = analyzeSources(files, parseAuditConfig({ complexity: { max: 15 } })).filter((f) => f.analyzer === 'complexity');
  const scored = scoredProposals(findings, files).find((s) => s.draft.title === 'Merge the twin branches of `addEvaluatedFrom` into one');
  assert.ok(scored, 'the twin branches are drafted');
  return { fix: scored.draft.fix ?? '', belowBar: scored.belowBar };
};

test('twin branches over members of different types: a generic helper taking the values that differ, not a key', () => {
  const { fix, belowBar } = twinDraft('{ [K in string]?: true } | true', 'number | true');
  // Ten-line twins: the generic helper, with a parameter per value that differs, is about as long as they are.
  assert.match(belowBar ?? '', /^10-line twins over members of different types: the generic helper is about as long as they are$/);
  assert.match(fix, /`key: 'props' \| 'items'` indexing the members does not type-check/);
  assert.match(fix, /`it\.props: Props \| Name \| undefined` \/ `it\.items: Name \| Items \| undefined`/);
  assert.doesNotMatch(fix, /a loop over|as a local function taking the word/, 'no shape that cannot compile');
  assert.match(
    fix,
    /a generic local function `mergeFrom<T extends Props \| Items>\(key, current, dynamic, evaluated, merge\)` returning `T \| Name \| undefined`/,
  );
  // Each parameter by role, typed over T, with both copies' values; the optional receiver is read with `?.`.
  assert.match(
    fix,
    /`current: Name \| Exclude<T, true> \| undefined`, the value it updates, returned and assigned by each call \(`it\.props` \/ `it\.items`\)/,
  );
  assert.match(
    fix,
    /`dynamic: boolean \| undefined`, the flag it tests \(`schEvaluated\?\.dynamicProps` \/ `schEvaluated\?\.dynamicItems`\)/,
  );
  assert.match(fix, /`evaluated: T \| undefined`, the value it reads \(`schEvaluated\?\.props` \/ `schEvaluated\?\.items`\)/);
  // The alias is not exported, so its type is written out.
  assert.match(
    fix,
    /`merge: \(gen: Gen, from: Name \| T, to: Name \| Exclude<T, true> \| undefined, toName\?: typeof Name\) => Name \| T`, the function it calls/,
  );
  assert.match(fix, /`it\.props = mergeFrom\('props', …\)` and `it\.items = mergeFrom\('items', …\)`/);
  assert.match(fix, /Import the types it names that the module does not import yet \(`Props`, `Items`\)/);
});

test('twin branches over members of one type keep the key: indexing by it compiles', () => {
  const { fix, belowBar } = twinDraft('number | true', 'number | true');
  assert.equal(belowBar, undefined, 'proposed');
  assert.match(fix, /as a local function taking the word they swap, `key: 'props' \| 'items'`/);
  assert.doesNotMatch(fix, /generic/);
});

// zod's `max*` getters: the block's `max` is `number | null` in one class and `bigint | null` in another, and each public
// getter returns it. The type both share would widen them; a generic over the checks keeps each getter's type.
const maxGetter = (cls: string, type: string) => `export class ${cls} {
  readonly _def!: { checks: ({ kind: "min"; value: ${type} } | { kind: "max"; value: ${type} } | { kind: "int" })[] };
  get maxValue() {
    let max: ${type} | null = null;
    for (const ch of this._def.checks) {
      if (ch.kind === "max") {
        if (max === null || ch.value < max) max = ch.value;
      }
    }
    return max;
  }
}
`;

test('types that differ in what the helper returns: no "type both share" (it widens public getters); a generic keeps each', () => {
  const content = maxGetter('Num', 'number') + maxGetter('Big', 'bigint') + maxGetter('Len', 'number');
  const files = [{ path: 'src/shapes.ts', content }];
  const range = (n: number): [string, number, number] => {
    const start = content.split('\n').findIndex((line, i) => line.includes('let max') && --n < 0) + 1;
    return ['src/shapes.ts', start, start + 5];
  };
  const scored = scoredProposals(copiesAt('max', range(0), range(1), range(2)), files).find((s) => /`maxOf`|max/.test(s.draft.title));
  const fix = scored?.draft.fix ?? '';
  // Six-line copies are not worth the type machinery: drafted (a refinement or a person may take it), kept a finding.
  assert.match(scored?.belowBar ?? '', /^6-line copies whose helper keeps each caller's type only with an `Extract<…>` return and a cast/);
  assert.match(fix, /Extract .*`\(checks\)` returning `max`/, fix);
  assert.doesNotMatch(fix, /a type parameter, or the type both share/);
  assert.match(fix, /the type both share \(`number \| bigint`\) would widen them, public ones included/);
  const item = 'Extract<C, { kind: "max"; value: number | bigint }>';
  assert.ok(
    fix.includes(
      'make it generic over the items of `checks`, `<C extends { kind: string }>(checks: readonly C[])`, ' +
        `returning \`${item}["value"] | null\` (\`max\` declared with that type), and read \`ch.value\` as \`(ch as ${item}).value\``,
    ),
    fix,
  );
});

// Sibling `_parse` methods over a base: a protected member only when a function outside the class could not reach
// what the copies read; beside an exported base with public members, a module-private function taking the instance.
const sibling = (cls: string, checked: string) => zodSibling(cls, 'Base', checked);
const base = (exported: boolean, modifier: string) => `${exported ? 'export ' : ''}class Base {
  ${modifier}_getType(input: { data: unknown }): string {
    return typeof input.data;
  }
  ${modifier}_ctx(input: { data: unknown }): { seen: string } {
    return { seen: typeof input.data };
  }
}
declare const Kind: Record<string, string>;
declare function report(ctx: object, issue: object): void;
`;

const siblingFix = (prelude: string): string => {
  const content = prelude + sibling('ZodSymbol', 'symbol') + sibling('ZodUndefined', 'undefined') + sibling('ZodNull', 'null');
  const method = (cls: string): [string, number, number] => {
    const start = content.split('\n').findIndex((line) => line.includes(`class ${cls} `)) + 2;
    return ['src/types.ts', start, start + 12];
  };
  const files = [{ path: 'src/types.ts', content }];
  return scoredProposals(copiesAt('pair', method('ZodSymbol'), method('ZodUndefined')), files).find((s) => s.tier < 2)?.draft.fix ?? '';
};

test('siblings over an exported base with public members: a named module-private function taking the instance', () => {
  const fix = siblingFix(base(true, ''));
  assert.match(fix, /Extract `parseExpected\(self, input, expected\)` in src\/types\.ts as a module-private function/, fix);
  assert.match(fix, /taking the instance \(`self: Base`; a member of the exported `Base` would add to its public API\)/);
  assert.match(fix, /`self` \(from `this`\)/);
  assert.doesNotMatch(fix, /protected method/);
});

test('siblings reading protected members of their base: the protected method on the base stays', () => {
  const fix = siblingFix(base(true, 'protected '));
  assert.match(fix, /on `Base` \(a protected method of the class they extend\)/, fix);
  assert.doesNotMatch(fix, /module-private/);
});

// Crucible's `chunk` / `chunks`: two modules, one behaviour under two names. Which calls which follows the module graph.
const chunker = (name: string, exported: boolean) => `${exported ? 'export ' : ''}function ${name}(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}
`;
const aliasDraft = (files: SourceFile[]) => {
  const at = (path: string, name: string): [string, number, number] => {
    const content = files.find((f) => f.path === path)?.content ?? '';
    const start = content.split('\n').findIndex((line) => line.includes(`function ${name}(`)) + 1;
    return [path, start, start + 4];
  };
  const found = copiesAt('alias', at('src/model/loopback-sse.ts', 'chunks'), at('src/model/scripted.ts', 'chunk'));
  const all = scoredProposals(found, files);
  const draft = all.find((s) => /same function/.test(s.draft.title))?.draft;
  assert.ok(draft, all.map((s) => s.draft.title).join(' | '));
  return draft;
};

test('an alias across two modules that do not import each other moves into a module both import: no new cross-dependency', () => {
  const draft = aliasDraft([
    { path: 'src/model/loopback-sse.ts', content: `import { est } from './usage.js';\nexport const n = est;\n${chunker('chunks', true)}` },
    { path: 'src/model/scripted.ts', content: `import { est } from './usage.js';\nexport const m = est;\n${chunker('chunk', false)}` },
    { path: 'src/model/usage.ts', content: 'export const est = 1;\n' },
    { path: 'src/model/openai-sse.ts', content: "import { chunks } from './loopback-sse.js';\nexport const c = chunks;\n" },
  ]);
  assert.equal(draft.title, 'Move `chunks` into src/model/chunks.ts for `chunk` to import: the two are the same function');
  assert.match(draft.fix ?? '', /Neither of src\/model\/loopback-sse\.ts and src\/model\/scripted\.ts imports the other/);
  assert.match(
    draft.fix ?? '',
    /Modules importing `chunks` from src\/model\/loopback-sse\.ts import it from src\/model\/chunks\.ts instead/,
  );
  assert.doesNotMatch(draft.fix ?? '', /under both names|importing it from src\/model\/loopback-sse\.ts/);
});

test('an alias where one module already depends on the other: the importer calls what it imports, adding no import', () => {
  const draft = aliasDraft([
    { path: 'src/model/loopback-sse.ts', content: `import { m } from './scripted.js';\nexport const n = m;\n${chunker('chunks', true)}` },
    { path: 'src/model/scripted.ts', content: `export const m = 1;\n${chunker('chunk', true)}` },
  ]);
  assert.equal(draft.title, 'Make `chunks` call `chunk`: the two are the same function');
  assert.match(
    draft.fix ?? '',
    /Replace the body of `chunks` with a call to `chunk`, importing it from src\/model\/scripted\.ts, which its module already depends on\./,
  );
  assert.doesNotMatch(draft.fix ?? '', /under both names/);
});

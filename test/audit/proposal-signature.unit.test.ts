// What a duplicate's fix says the helper takes and gives, and the shapes a third review (docs/audit-quality.md) judged
// not worth a proposal: object entries of another shape, a few declarative entries, platform stubs, a twin filed twice,
// and generated code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSources, parseAuditConfig, runAudit, scoredProposals, type SourceFile } from '../../src/audit/index.js';
import { publishedModules } from '../../src/audit/entries.js';
import { copiesAt } from '../../support/audit/helpers.js';

const config = parseAuditConfig({ duplication: { minTokens: 30, minLines: 4 } });
const score = (files: SourceFile[]) => scoredProposals(analyzeSources(files, config), files);
const titled = (files: SourceFile[], pattern: RegExp) => {
  const all = score(files);
  const hit = all.find((s) => pattern.test(s.draft.title));
  assert.ok(hit, all.map((s) => `${s.draft.title} [${s.tier}]`).join(' | '));
  return hit;
};

const lineOf = (content: string, text: string): number => content.slice(0, content.indexOf(text)).split('\n').length;

const getter = (name: string, kind: string, cmp: string) => `  get ${name}(): number | null {
    let found: number | null = null;
    for (const check of this._def.checks) {
      if (check.kind === '${kind}') {
        if (found === null || check.value ${cmp} found) found = check.value;
      }
    }
    return found;
  }`;
const shapes = (cls: string, min: string, max: string) =>
  `export class ${cls} {\n  _def = { checks: [] as { kind: string; value: number }[] };\n` +
  `${getter(min, 'min', '>')}\n\n${getter(max, 'max', '<')}\n}\n`;

test("a copied getter's own name is not a parameter; the state it reads is, and its twin beside it is the same proposal", () => {
  // Three classes: two copies this short would stay a finding (the rule of three).
  const content = shapes('Str', 'minLength', 'maxLength') + shapes('Num', 'minValue', 'maxValue') + shapes('Big', 'minBig', 'maxBig');
  const files = [{ path: 'src/shapes.ts', content }];
  const at = (name: string): [string, number, number] => [
    'src/shapes.ts',
    lineOf(content, `get ${name}`),
    lineOf(content, `get ${name}`) + 6,
  ];
  const findings = [
    ...copiesAt('max', at('maxLength'), at('maxValue'), at('maxBig')),
    ...copiesAt('min', at('minLength'), at('minValue'), at('minBig')),
  ];
  const all = scoredProposals(findings, files);
  const proposed = all.filter((s) => s.tier < 2);
  assert.equal(proposed.length, 1, all.map((s) => `${s.draft.title} [${s.tier}] ${s.belowBar ?? ''}`).join(' | '));
  const fix = proposed[0]?.draft.fix ?? '';
  // The fixture's classes extend nothing: a free function over what the copies read, named from the one word they share.
  assert.match(fix, /Extract `maxOf\(checks\)`/);
  assert.match(fix, /`checks` \(from `this\._def\.checks`\)/);
  assert.doesNotMatch(fix, /`(min|max)(Length|Value)`/, 'the getter names stay at each site');
  assert.match(
    fix,
    /The copies beside them go the same way, into `minOf`: src\/shapes\.ts:\d+-\d+, src\/shapes\.ts:\d+-\d+, src\/shapes\.ts:\d+-\d+\./,
  );
  assert.ok(proposed[0]?.draft.acceptance.includes('The 3 copies beside them use `minOf`'), 'the twins are counted in the acceptance');
  assert.ok(
    all.some((s) => s.tier === 3 && s.belowBar?.startsWith('beside the copies of')),
    'the mirror-image getters stay a finding',
  );
});

const reducer = (name: string, table: string, field: string) => `export function ${name}(tx: Tx, d: Row): void {
  requireNew(tx, '${table}', d.id);
  bump(tx, d.id);
  tx.put('${table}', d.id, {
    id: d.id,
    ${field}: d.${field},
    at: d.at,
    by: d.by,
  });
}
`;

test('copies that build objects with other keys are rows of different shapes, not one helper', () => {
  const content = `${reducer('memoryAdded', 'memories', 'scope')}${reducer('requirementAdded', 'requirements', 'text')}`;
  const files = [{ path: 'src/reduce.ts', content }];
  const body = (name: string): [string, number, number] => ['src/reduce.ts', lineOf(content, name) + 1, lineOf(content, name) + 8];
  const [hit] = scoredProposals(copiesAt('r', body('memoryAdded'), body('requirementAdded')), files);
  assert.equal(hit?.tier, 3);
  assert.match(hit?.belowBar ?? '', /other keys \(`scope` \/ `text`\)/);
});

test('a few copied entries of a declarative object stay a finding; one copied value becomes one constant', () => {
  const transition = (guard: string) => `      {
        guard: { type: '${guard}', params: ({ event }: { event: { output: unknown } }) => event.output },
        target: 'settling',
        actions: ended(() => ({ kind: 'cancelled' })),
        reenter: false,
        description: 'the turn was cancelled',
      },`;
  const machine =
    `declare function ended(f: () => object): unknown;\nexport const machine = {\n  turn: {\n    onDone: [\n${transition('turnCancelled')}\n` +
    `    ],\n  },\n  tools: {\n    onDone: [\n${transition('toolsCancelled')}\n    ],\n  },\n};\n`;
  const entry = (guard: string): [string, number, number] => ['src/machine.ts', lineOf(machine, guard), lineOf(machine, guard) + 5];
  const [entries] = scoredProposals(copiesAt('m', entry('turnCancelled'), entry('toolsCancelled')), [
    { path: 'src/machine.ts', content: machine },
  ]);
  assert.equal(entries?.tier, 3);
  assert.match(entries?.belowBar ?? '', /declarative object/);
  const paths = `z
      .array(
        z
          .string()
          .min(1)
          .refine((p: string) => !p.startsWith('/') && !p.split('/').includes('..'), 'a path inside the project'),
      )
      .default(['node_modules'])`;
  const schema =
    `declare const z: any; // a stand-in for zod's builder\nexport const config = z.object({\n  sandbox: z.object({\n    readOnly: ${paths},\n` +
    `  }),\n  worktrees: z.object({\n    enabled: z.boolean(),\n    link: ${paths},\n  }),\n});\n`;
  const value = (key: string): [string, number, number] => ['src/config.ts', lineOf(schema, `${key}: z`), lineOf(schema, `${key}: z`) + 7];
  const [constant] = scoredProposals(copiesAt('c', value('readOnly'), value('link')), [{ path: 'src/config.ts', content: schema }]);
  assert.equal(constant?.tier, 0, constant?.belowBar);
  assert.match(constant?.draft.title ?? '', /into one constant/);
  assert.match(constant?.draft.fix ?? '', /Declare the value once, as a constant in src\/config\.ts/);
});

test('a platform variant (x.browser.ts) or an API version (beta/x.ts) copies its twin on purpose', () => {
  const error = `export class SessionError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
`;
  const hit = titled(
    [
      { path: 'src/tools/node.ts', content: `${error}export const x = 1;\n` },
      { path: 'src/tools/node.browser.ts', content: `${error}export const y = 2;\n` },
    ],
    /Merge the/,
  );
  assert.equal(hit.tier, 3);
  assert.match(hit.belowBar ?? '', /node\.browser\.ts is a platform variant/);
  const versions = titled(
    [
      { path: 'src/helpers/errors.ts', content: `${error}export const x = 1;\n` },
      { path: 'src/helpers/beta/errors.ts', content: `${error}export const y = 2;\n` },
    ],
    /Merge the/,
  );
  assert.equal(versions.tier, 3);
  assert.match(versions.belowBar ?? '', /src\/helpers\/beta\/ is another version of the same API/);
  const named = titled(
    [
      { path: 'src/lib/MessageStream.ts', content: `${error}export const x = 1;\n` },
      { path: 'src/lib/BetaMessageStream.ts', content: `${error}export const y = 2;\n` },
    ],
    /Merge the/,
  );
  assert.match(named.belowBar ?? '', /BetaMessageStream\.ts is another version of src\/lib\/MessageStream\.ts/);
  // `next` names pages and tokens as often as versions: no version in a file's name.
  const page = titled(
    [
      { path: 'src/ui/page.tsx', content: `${error}export const x = 1;\n` },
      { path: 'src/ui/next-page.tsx', content: `${error}export const y = 2;\n` },
    ],
    /Merge the/,
  );
  assert.doesNotMatch(page.belowBar ?? '', /another version/);
  // An older major version's folder inside the package (zod 4's src/v3/) takes fixes, not refactors; the current one does.
  const legacy = (version: string, manifest: object = { exports: { '.': './index.js' } }) =>
    titled(
      [
        { path: 'package.json', content: JSON.stringify({ name: 'pkg', version, ...manifest }) },
        { path: 'src/v3/errors.ts', content: `${error}export const x = 1;\n` },
        { path: 'src/v3/types.ts', content: `${error}export const y = 2;\n` },
      ],
      /Merge the/,
    );
  assert.match(legacy('4.6.7').belowBar ?? '', /src\/v3\/ is version 3 of the API, kept beside the package's version 4/);
  assert.doesNotMatch(legacy('3.25.0').belowBar ?? '', /version 3 of the API/);
  // An application's `v3/` (its HTTP API's third version) is live code, whatever the app's own version.
  assert.doesNotMatch(legacy('4.6.7', { private: true }).belowBar ?? '', /version 3 of the API/);
  const neighbours = titled(
    [
      { path: 'src/helpers/errors.ts', content: `${error}export const x = 1;\n` },
      { path: 'src/tools/errors.ts', content: `${error}export const y = 2;\n` },
    ],
    /Merge the/,
  );
  assert.doesNotMatch(neighbours.belowBar ?? '', /version|variant/);
});

test('generated code is read for its imports but never reported; a build path names its own source directory first', async () => {
  const root = mkdtempSync(join(tmpdir(), 'crucible-generated-'));
  try {
    mkdirSync(join(root, 'src/resources'), { recursive: true });
    mkdirSync(join(root, 'src/internal'), { recursive: true });
    const dead = (name: string) => `export function ${name}(x: number): number {\n  const y = x * 2;\n  return y + 1;\n}\n`;
    writeFileSync(join(root, 'src/internal/values.ts'), `${dead('usedByGenerated')}${dead('usedByNobody')}`);
    writeFileSync(
      join(root, 'src/resources/api.ts'),
      `import { usedByGenerated } from '../internal/values';\nexport const a = usedByGenerated(1);\n`,
    );
    writeFileSync(join(root, 'src/resources/unused.ts'), dead('generatedDead'));
    const result = await runAudit(root, { generated: ['src/resources/**'] });
    const unused = result.findings.filter((f) => f.analyzer === 'unused-exports').map((f) => f.message);
    assert.ok(
      unused.some((m) => m.includes('usedByNobody')),
      unused.join(' | '),
    );
    assert.ok(!unused.some((m) => m.includes('usedByGenerated')), 'a use from generated code counts');
    assert.ok(!result.findings.some((f) => f.path.startsWith('src/resources/')), 'generated code is never reported');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  // `./lib/*.js` of a package built beside its root is src/lib/*, not every module under src/.
  const files = [
    { path: 'package.json', content: JSON.stringify({ exports: { './lib/*': { default: './lib/*.js' } } }) },
    { path: 'src/lib/stream.ts', content: 'export const s = 1;\n' },
    { path: 'src/internal/utils.ts', content: 'export const u = 1;\n' },
  ];
  assert.deepEqual([...publishedModules(files)], ['src/lib/stream.ts']);
  // Ajv's layout: TypeScript in lib/, built to dist/, `main: dist/ajv.js`.
  const ajv = [
    { path: 'package.json', content: JSON.stringify({ main: 'dist/ajv.js', types: 'dist/ajv.d.ts' }) },
    { path: 'lib/ajv.ts', content: 'export const a = 1;\n' },
    { path: 'lib/core.ts', content: 'export const c = 1;\n' },
  ];
  assert.deepEqual([...publishedModules(ajv)], ['lib/ajv.ts']);
  // With no `exports` map, users may import any file of the package (`ajv/dist/core`): no export of it is unused.
  const unusedOf = (tree: SourceFile[]) =>
    analyzeSources(tree, parseAuditConfig({ duplication: { enabled: false } })).filter((f) => f.analyzer === 'unused-exports');
  assert.deepEqual(unusedOf(ajv), []);
  const mapped = [
    { path: 'package.json', content: JSON.stringify({ main: 'dist/ajv.js', exports: { '.': './dist/ajv.js' } }) },
    ...ajv.slice(1),
  ];
  assert.deepEqual(
    unusedOf(mapped).map((f) => f.path),
    ['lib/core.ts'],
  );
});

test('a copy inside dead code is deleted, not shared', () => {
  const body = (name: string) =>
    `export function ${name}(path: string): number {\n  const parts = path.split('/');\n  const last = parts.at(-1) ?? '';\n` +
    `  if (last.length === 0) return -1;\n  const dot = last.lastIndexOf('.');\n  return dot < 0 ? last.length : dot;\n}\n`;
  const lib = { path: 'src/lib.ts', content: `${body('stemLength')}${body('oldStemLength')}` };
  const main = { path: 'src/main.ts', content: "import { stemLength } from './lib.js';\nconsole.log(stemLength('a/b.c'));\n" };
  const files = [lib, main];
  const unusedOnly = parseAuditConfig({ duplication: { enabled: false } });
  const findings = [...analyzeSources(files, unusedOnly), ...copiesAt('d', ['src/lib.ts', 1, 7], ['src/lib.ts', 8, 14])];
  const all = scoredProposals(findings, files);
  const hit = all.find((s) => s.draft.evidence.length === 2 && s.draft.evidence.includes('src/lib.ts:8-14'));
  assert.ok(hit, all.map((s) => s.draft.title).join(' | '));
  assert.equal(hit?.tier, 3);
  assert.match(hit?.belowBar ?? '', /src\/lib\.ts:8-14 is dead code \(`oldStemLength` is used nowhere\)/);
});

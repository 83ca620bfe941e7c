// What is proposed at all (docs/audit-quality.md, ninth round): vendored folders are read but never reported; a package
// importing its own unexported subpath through an alias uses that module; a cycle only through a module of re-exports
// (the internal-module pattern) stays a finding, while a real cycle beside it is still proposed, with the cheapest cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeSources, parseAuditConfig, runAudit, scoredProposals, type SourceFile } from '../../src/audit/index.js';

const dead = (name: string): string => `export function ${name}(x: number): number {\n  const y = x * 2;\n  return y + 1;\n}\n`;

async function auditFiles(files: SourceFile[], config: Record<string, unknown> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'crucible-scope-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
    return await runAudit(root, config);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('vendored folders (vendor, _vendor, vendored, third_party, third-party) are read for their uses but never reported', async () => {
  const files = [
    { path: 'src/values.ts', content: `${dead('usedByVendored')}${dead('usedByNobody')}` },
    {
      path: 'src/vendor/lib.ts',
      content: `import { usedByVendored } from '../values';\nexport const a = usedByVendored(1);\n${dead('v1')}`,
    },
    { path: 'src/_vendor/lib.ts', content: dead('v2') },
    { path: 'lib/deep/vendored/lib.ts', content: dead('v3') },
    { path: 'third_party/lib.ts', content: dead('v4') },
    { path: 'packages/x/third-party/lib.ts', content: dead('v5') },
  ];
  const result = await auditFiles(files);
  const unused = result.findings.filter((f) => f.analyzer === 'unused-exports').map((f) => f.message);
  assert.ok(
    unused.some((m) => m.includes('usedByNobody')),
    unused.join(' | '),
  );
  assert.ok(!unused.some((m) => m.includes('usedByVendored')), 'a use from vendored code counts');
  assert.deepEqual(
    result.findings.filter((f) => /vendor|third/.test(f.path)),
    [],
  );
  // The user's config decides: `vendored: []` audits those folders too.
  const audited = await auditFiles(files, { vendored: [] });
  for (const name of ['v1', 'v2', 'v3', 'v4', 'v5']) {
    assert.ok(
      audited.findings.some((f) => f.analyzer === 'unused-exports' && f.message.includes(`"${name}"`)),
      name,
    );
  }
});

test("a package importing its own subpath that its exports map leaves out (an alias onto its files) uses that module's export", async () => {
  const result = await auditFiles([
    { path: 'package.json', content: JSON.stringify({ name: '@scope/pkg', exports: { '.': './dist/index.js' } }) },
    {
      path: 'src/index.ts',
      content: "import { isPlain } from '@scope/pkg/util/plain';\nexport const check = (v: unknown): boolean => isPlain(v);\n",
    },
    { path: 'src/util/plain.ts', content: 'export function isPlain(v: unknown): boolean {\n  return typeof v === "object";\n}\n' },
  ]);
  const unused = result.findings.filter((f) => f.analyzer === 'unused-exports');
  assert.deepEqual(
    unused.map((f) => f.message),
    [],
  );
});

const config = parseAuditConfig({});
const proposalsOf = (files: SourceFile[]) => scoredProposals(analyzeSources(files, config), files);

test('a cycle only through a module of re-exports is the internal-module pattern: a finding with its reason, not a proposal', () => {
  const files = [
    // One module that re-exports the package's modules in a chosen order; every module imports through it.
    { path: 'src/internal.ts', content: "export * from './a';\nexport * from './b';\nexport { c } from './c';\n" },
    { path: 'src/a.ts', content: "import { b } from './internal';\nexport const a = (): number => b() + 1;\n" },
    { path: 'src/b.ts', content: "import { c } from './internal';\nexport const b = (): number => c();\n" },
    { path: 'src/c.ts', content: "import { a } from './internal';\nexport const c = (): number => (a.length > 0 ? 1 : 2);\n" },
    // A real cycle: two modules importing each other directly.
    { path: 'src/x.ts', content: "import { y } from './y';\nexport const x = (): number => y() + 1;\n" },
    { path: 'src/y.ts', content: "import { x } from './x';\nexport const y = (): number => (x.length > 0 ? 1 : 2);\n" },
  ];
  const cycles = analyzeSources(files, config).filter((f) => f.analyzer === 'cycles');
  assert.equal(cycles.length, 2, cycles.map((f) => f.message).join(' | '));
  const pattern = cycles.find((f) => f.path === 'src/internal.ts');
  assert.match(pattern?.message ?? '', /only through src\/internal\.ts, made only of re-exports, which 3 of the 4 modules import/);
  const scored = proposalsOf(files).filter((s) => s.draft.title.startsWith('Break the import cycle'));
  const barrel = scored.find((s) => s.draft.title.includes('src/internal.ts'));
  assert.ok(barrel && barrel.tier >= 2, scored.map((s) => `${s.draft.title} [${s.tier}]`).join(' | '));
  assert.match(barrel.belowBar ?? '', /internal-module pattern/);
  assert.match(barrel.draft.why, /only through src\/internal\.ts, made only of re-exports/);
  assert.doesNotMatch(barrel.draft.why, /undefined at startup/);
  const real = scored.find((s) => s.draft.title.includes('src/x.ts'));
  assert.ok(real && real.tier < 2, 'a direct cycle is still proposed');
});

test('a real cycle among the members stays a proposal; a module with code of its own is not a module of re-exports', () => {
  const files = [
    { path: 'src/internal.ts', content: "export * from './a';\nexport * from './b';\n" },
    // a and b also import each other directly: a cycle without the internal module.
    {
      path: 'src/a.ts',
      content:
        "import { b } from './b';\nimport { a0 } from './internal';\nexport const a1 = 2;\nexport const a = (): number => b() + a0;\n",
    },
    {
      path: 'src/b.ts',
      content:
        "import { a } from './a';\nimport { a1 } from './internal';\nexport const a0 = 1;\nexport const b = (): number => (a.length > 0 ? a1 : 2);\n",
    },
    // An entry that re-exports and also runs code is an ordinary module.
    { path: 'src/entry.ts', content: "import { d } from './d';\nexport * from './d';\nexport const e = (): number => d() + 1;\n" },
    { path: 'src/d.ts', content: "import { e } from './entry';\nexport const d = (): number => (e.length > 0 ? 1 : 2);\n" },
    // A module of re-exports that only one member imports back (a module importing its package's index): an ordinary cycle.
    { path: 'src/index.ts', content: "export * from './f';\n" },
    { path: 'src/f.ts', content: "import { g } from './index';\nexport const f = (): number => g();\nexport const g = (): number => 1;\n" },
  ];
  const cycles = analyzeSources(files, config).filter((f) => f.analyzer === 'cycles');
  const messages = cycles.map((f) => f.message);
  assert.ok(
    messages.some((m) => /^import cycle: src\/a\.ts → src\/b\.ts → src\/a\.ts$/.test(m)),
    messages.join(' | '),
  );
  assert.ok(
    messages.some((m) => m.startsWith('import cycle: src/internal.ts') && m.includes('internal-module pattern')),
    messages.join(' | '),
  );
  assert.ok(
    messages.some((m) => /^import cycle: src\/d\.ts → src\/entry\.ts → src\/d\.ts$/.test(m)),
    messages.join(' | '),
  );
  assert.ok(
    messages.some((m) => /^import cycle: src\/f\.ts → src\/index\.ts → src\/f\.ts$/.test(m)),
    messages.join(' | '),
  );
  assert.equal(messages.length, 4, messages.join(' | '));
});

test("a cycle's cheapest cut imports what a module only passes on from where it comes from; a re-export is never a type-only use", () => {
  const files = [
    { path: 'src/flags.ts', content: 'export const FLAG = Symbol("flag");\n' },
    // The entry passes FLAG on under another name and re-exports the plugin, which imports FLAG back from the entry.
    {
      path: 'src/entry.ts',
      content: "export { FLAG as flag } from './flags';\nexport { enable } from './plugin';\nexport const version = (): string => '1';\n",
    },
    { path: 'src/plugin.ts', content: "import { flag } from './entry';\nexport const enable = (o: object): boolean => flag in o;\n" },
  ];
  const cycle = proposalsOf(files).find((s) => s.draft.title.startsWith('Break the import cycle'));
  assert.ok(cycle);
  assert.match(
    cycle.draft.fix ?? '',
    /Cut src\/plugin\.ts:1-1 \(→ src\/entry\.ts\): src\/entry\.ts only passes `flag` on from src\/flags\.ts; import `FLAG` \(as `flag`\)/,
  );
  assert.doesNotMatch(cycle.draft.fix ?? '', /import type/);
  // `flag` is read only inside `enable`, and the entry only passes `enable` on: nothing is read while the modules load.
  assert.match(cycle.draft.why, /Nothing one imports from another is read while it loads .+ so it works today/);
  const eager = files.map((f) =>
    f.path === 'src/plugin.ts' ? { ...f, content: `${f.content}export const flagName = String(flag);\n` } : f,
  );
  const eagerCycle = proposalsOf(eager).find((s) => s.draft.title.startsWith('Break the import cycle'));
  assert.match(eagerCycle?.draft.why ?? '', /so a value can be undefined at startup/);
});

test('in a published package without its tests (a tarball), an export nothing imports stays a finding: its tests may import it', async () => {
  const files = [
    { path: 'package.json', content: JSON.stringify({ name: 'pkg', exports: { '.': './dist/index.js' } }) },
    { path: 'src/index.ts', content: "import { used } from './plugins';\nexport const run = (): number => used(1);\n" },
    { path: 'src/plugins.ts', content: `${dead('used')}${dead('clearSeam')}` },
  ];
  const unusedProposal = async (extra: SourceFile[]) => {
    const result = await auditFiles([...files, ...extra]);
    return scoredProposals(result.findings, result.files).find((s) => /unused export/.test(s.draft.title));
  };
  const testless = await unusedProposal([]);
  assert.ok(testless && testless.tier >= 2, testless?.draft.title);
  assert.match(testless.belowBar ?? '', /without its tests/);
  const tested = await unusedProposal([{ path: 'test/index.test.ts', content: "import { run } from '../src/index';\nrun();\n" }]);
  assert.ok(tested && tested.tier < 2, `${tested?.draft.title} ${tested?.belowBar}`);
});

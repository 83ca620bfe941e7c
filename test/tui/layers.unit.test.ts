import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../../support/helpers/child.js';

/**
 * The two layers (STYLE.md): the engine never imports ink or react; the TUI
 * never imports level, the model SDKs (Anthropic, OpenAI) or hnswlib directly; and the TUI's
 * view models stay free of Ink, React and the session that drives them.
 */
const src = join(repoRoot, 'src');
const ENGINE_DIRS = [
  'record',
  'bus',
  'gates',
  'runtime',
  'model',
  'tools',
  'retrieval',
  'audit',
  'workspace',
  'shared',
  'app',
  'server',
  'mcp',
  'cli',
];
const UI_PACKAGES = /^(ink|ink-.*|react|react-dom|react\/.*)$/;
const STORAGE_AND_SDKS = /^(level|classic-level|abstract-level|memory-level|@anthropic-ai\/sdk(\/.*)?|openai(\/.*)?|hnswlib-node)$/;

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((f) => /\.(ts|tsx|mts)$/.test(f))
    .map((f) => join(dir, f));
}

/** Every module specifier a file names: static imports, re-exports, dynamic import(), require(). */
export function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

const resolved = (file: string, spec: string) => (spec.startsWith('.') ? resolve(dirname(file), spec) : spec);

function violations(files: string[], bad: (spec: string, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of files)
    for (const spec of specifiers(readFileSync(file, 'utf8'))) if (bad(spec, file)) out.push(`${relative(repoRoot, file)} imports ${spec}`);
  return out;
}

test('the scanner sees every kind of import', () => {
  const code =
    `import { a } from 'ink';\nimport type { B } from "react";\nexport * from './x.js';\nimport 'level';\n` +
    `const m = await import('hnswlib-node');\nconst r = require('@anthropic-ai/sdk');\nimport {\n  c,\n} from '../y.js';`;
  assert.deepEqual(specifiers(code).sort(), ['../y.js', './x.js', '@anthropic-ai/sdk', 'hnswlib-node', 'ink', 'level', 'react'].sort());
});

test('the engine never imports ink or react, nor anything from src/tui', () => {
  const files = ENGINE_DIRS.flatMap((d) => sources(join(src, d))).filter((f) => !f.endsWith(join('cli', 'crucible-tui.ts')));
  assert.ok(files.length > 50, 'the engine sources were found');
  const tui = join(src, 'tui');
  assert.deepEqual(
    violations(files, (spec, file) => UI_PACKAGES.test(spec) || resolved(file, spec).startsWith(tui)),
    [],
  );
});

test('the TUI never imports level, the model SDKs or hnswlib-node directly', () => {
  const files = [...sources(join(src, 'tui')), join(src, 'cli', 'crucible-tui.ts')];
  assert.ok(files.length > 20, 'the TUI sources were found');
  assert.deepEqual(
    violations(files, (spec) => STORAGE_AND_SDKS.test(spec)),
    [],
  );
});

test('view models and reducers (src/tui/state) import no Ink, no React and nothing of the session', () => {
  const state = join(src, 'tui', 'state');
  assert.ok(sources(state).length > 10, 'src/tui/state was found');
  const outside = [join(src, 'tui', 'session'), join(src, 'tui', 'components'), join(src, 'tui', 'main.tsx'), join(src, 'tui', 'store.ts')];
  assert.deepEqual(
    violations(
      sources(state),
      (spec, file) =>
        UI_PACKAGES.test(spec) ||
        spec.startsWith('node:') ||
        outside.some((o) =>
          resolved(file, spec)
            .replace(/\.js$/, '')
            .startsWith(o.replace(/\.tsx?$/, '')),
        ),
    ),
    [],
  );
});

/** Layers from ARCHITECTURE.md that already hold; each arrow points down only. */
const ARROWS_DOWN: { from: string; never: string[] }[] = [
  { from: 'tools', never: ['runtime', 'app', 'server', 'mcp', 'tui', 'cli'] },
  { from: 'record', never: ['gates', 'tools', 'runtime', 'app', 'server', 'mcp', 'tui', 'cli'] },
  { from: 'runtime', never: ['audit', 'tui', 'cli'] },
  // The TUI reaches the engine through src/app (model, search, session); src/tui/state is its own view models.
  { from: 'tui', never: ['model', 'cli'] },
  { from: 'server', never: ['mcp', 'tui', 'cli'] },
  { from: 'mcp', never: ['cli', 'tui'] },
  { from: 'bus', never: ['model', 'retrieval', 'audit', 'gates', 'tools', 'runtime', 'app', 'server', 'mcp', 'tui', 'cli'] },
];

for (const { from, never } of ARROWS_DOWN) {
  test(`${from}/ never imports ${never.join(', ')}`, () => {
    const files = sources(join(src, from));
    assert.ok(files.length > 0, `src/${from} was found`);
    const above = never.map((d) => join(src, d) + '/');
    assert.deepEqual(
      violations(
        files,
        (spec, file) => above.some((dir) => resolved(file, spec).startsWith(dir)) || (from === 'runtime' && UI_PACKAGES.test(spec)),
      ),
      [],
    );
  });
}

test('bus/ is storage-free: it imports neither the LevelDB store nor a level package', () => {
  const files = sources(join(src, 'bus'));
  assert.ok(files.length > 0, 'src/bus was found');
  const levelModules = [join(src, 'record', 'level-db.js'), join(src, 'record', 'store.js')];
  assert.deepEqual(
    violations(files, (spec, file) => STORAGE_AND_SDKS.test(spec) || levelModules.includes(resolved(file, spec))),
    [],
  );
});

test('bench/ never imports test/, and support/ (shared by both) imports neither', () => {
  const [test_, bench, support] = ['test', 'bench', 'support'].map((d) => join(repoRoot, d) + '/') as [string, string, string];
  const benchFiles = sources(join(repoRoot, 'bench'));
  assert.ok(benchFiles.length > 5, 'the benchmarks were found');
  const reaches = (dirs: string[]) => (spec: string, file: string) => dirs.some((dir) => resolved(file, spec).startsWith(dir));
  assert.deepEqual(violations(benchFiles, reaches([test_])), []);
  assert.deepEqual(violations(sources(join(repoRoot, 'support')), reaches([test_, bench])), []);
});

/** The whole order, bottom up (docs/architecture.md): a layer imports only the layers before it. */
const LAYER_ORDER = [
  'shared',
  'record',
  'bus',
  'model',
  'retrieval',
  'audit',
  'workspace',
  'gates',
  'tools',
  'runtime',
  'app',
  'server',
  'mcp',
  'tui',
  'cli',
];

test('every layer imports only the layers below it (static, dynamic and type imports)', () => {
  assert.deepEqual(readdirSync(src).sort(), [...LAYER_ORDER].sort(), 'every folder under src/ has its place in the order');
  const up: string[] = [];
  LAYER_ORDER.forEach((layer, at) => {
    const above = LAYER_ORDER.slice(at + 1).map((d) => join(src, d) + '/');
    up.push(...violations(sources(join(src, layer)), (spec, file) => above.some((dir) => resolved(file, spec).startsWith(dir))));
  });
  assert.deepEqual(up, []);
});

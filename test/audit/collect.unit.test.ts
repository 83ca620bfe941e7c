import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectSources, defaultAuditConfig } from '../../src/audit/index.js';
import { tempProject } from '../../support/audit/helpers.js';

test('collectSources honours include/exclude and .gitignore, and never reads dependencies, builds or the workspace', async (t) => {
  const root = await tempProject(t, {
    '.gitignore': 'generated/\n',
    'src/a.ts': 'export const a = 1;\n',
    'src/b.mjs': 'export const b = 2;\n',
    'src/readme.md': '# not code\n',
    'src/nested/.gitignore': 'local.ts\n',
    'src/nested/local.ts': 'export const l = 1;\n',
    'src/nested/kept.ts': 'export const k = 1;\n',
    'generated/g.ts': 'export const g = 1;\n',
    'node_modules/pkg/index.js': 'module.exports = 1;\n',
    'dist/a.js': 'exports.a = 1;\n',
    '.crucible/config.ts': 'x\n',
    'types/global.d.ts': 'declare const x: number;\n',
    'test/fixtures/bad.ts': 'this is not code',
  });
  const config = defaultAuditConfig();
  const paths = (await collectSources(root, config)).map((f) => f.path);
  assert.deepEqual(paths, ['src/a.ts', 'src/b.mjs', 'src/nested/kept.ts']);
  const unfiltered = await collectSources(root, { include: ['**/*.ts'], respectGitignore: false });
  assert.ok(unfiltered.some((f) => f.path === 'generated/g.ts') && unfiltered.some((f) => f.path === 'src/nested/local.ts'));
  assert.ok(!unfiltered.some((f) => f.path.startsWith('node_modules/') || f.path.startsWith('dist/') || f.path.startsWith('.crucible/')));
});

test('collectSources skips binary and oversized files', async (t) => {
  const root = await tempProject(t, {
    'src/ok.ts': 'export const ok = true;\n',
    'src/blob.js': new Uint8Array([0x63, 0x00, 0x01, 0x02]),
    'src/huge.ts': `export const big = '${'x'.repeat(3000)}';\n`,
  });
  const files = await collectSources(root, { include: ['**/*.{ts,js}'], maxFileBytes: 2000 });
  assert.deepEqual(files, [{ path: 'src/ok.ts', content: 'export const ok = true;\n' }]);
});

test('collectSources reads again what changed while it read, so an edit in progress never yields a half-old tree', async (t) => {
  const root = await tempProject(t, {
    'src/a-user.ts': 'export const mine = 1;\n',
    'src/b-helper.ts': 'export const shared = 1;\n',
  });
  let edited = false;
  const editingReader = async (absPath: string, maxBytes: number) => {
    const text = await readFile(absPath, 'utf8');
    if (!edited && absPath.endsWith('b-helper.ts')) {
      // The agent rewrites the importer (read first) after the new module was read; the stamp must differ even on coarse clocks.
      edited = true;
      await writeFile(join(root, 'src/a-user.ts'), "import { shared } from './b-helper.js';\nexport const mine = shared;\n");
      await utimes(join(root, 'src/a-user.ts'), new Date(), new Date(Date.now() + 5000));
    }
    return text.length > maxBytes ? null : text;
  };
  const files = await collectSources(root, { include: ['src/**/*.ts'] }, editingReader);
  assert.match(files.find((f) => f.path === 'src/a-user.ts')?.content ?? '', /import \{ shared \}/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRetrievalConfig } from '../../src/retrieval/config.js';
import { discoverFiles } from '../../src/retrieval/discovery.js';
import { looksBinary } from '../../src/retrieval/binary.js';
import { tempDir, tempProject } from './helpers.js';

const config = (overrides: Record<string, unknown> = {}) => parseRetrievalConfig(overrides);
const paths = async (root: string, overrides: Record<string, unknown> = {}, scope?: string[]) => {
  const result = await discoverFiles({ root, config: config(overrides), ...(scope ? { scope } : {}) });
  return { files: result.files.map((f) => f.path), skipped: result.skipped };
};

test('.gitignore is honoured, nested ones relative to their own directory, negations included', async (t) => {
  const root = await tempProject(t, {
    '.gitignore': 'secret.txt\nlogs/\n*.tmp\n!keep.tmp\n',
    'README.md': '# hi\n',
    'secret.txt': 'password\n',
    'logs/today.log': 'log line\n',
    'keep.tmp': 'kept\n',
    'drop.tmp': 'dropped\n',
    'pkg/.gitignore': 'generated.ts\n',
    'pkg/generated.ts': 'export const x = 1;\n',
    'pkg/source.ts': 'export const y = 2;\n',
    'other/generated.ts': 'export const z = 3;\n',
  });
  const { files } = await paths(root);
  assert.deepEqual(files, ['.gitignore', 'README.md', 'keep.tmp', 'other/generated.ts', 'pkg/.gitignore', 'pkg/source.ts']);
  const all = await paths(root, { respectGitignore: false });
  assert.ok(all.files.includes('secret.txt') && all.files.includes('logs/today.log'));
});

test('.crucible, node_modules, .git and build output are never discovered; include/exclude apply', async (t) => {
  const root = await tempProject(t, {
    'src/a.ts': 'export const a = 1;\n',
    'docs/guide.md': '# Guide\n',
    '.crucible/index/documents.jsonl': '{}\n',
    'node_modules/lib/index.js': 'module.exports = 1;\n',
    'src/node_modules/nested/index.js': 'module.exports = 2;\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'dist/a.js': 'var a = 1;\n',
    'build/out.js': 'var b = 1;\n',
  });
  assert.deepEqual((await paths(root)).files, ['docs/guide.md', 'src/a.ts']);
  assert.deepEqual((await paths(root, { include: ['**/*.md'] })).files, ['docs/guide.md']);
  assert.deepEqual((await paths(root, { exclude: ['docs/**'] })).files, ['build/out.js', 'dist/a.js', 'src/a.ts']);
  assert.deepEqual((await paths(root, {}, ['docs'])).files, ['docs/guide.md']);
});

test('binary and oversize files are skipped and reported', async (t) => {
  const root = await tempProject(t, {
    'small.md': '# small\n',
    'big.txt': 'x'.repeat(5000),
    'image.png': 'not really a png but the extension says binary',
    'blob.dat2': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]),
    'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
  });
  const { files, skipped } = await paths(root, { maxFileBytes: 1000 });
  assert.deepEqual(files, ['latin1.txt', 'small.md']);
  assert.deepEqual(
    skipped.sort((a, b) => a.path.localeCompare(b.path)),
    [
      { path: 'big.txt', reason: 'oversize' },
      { path: 'blob.dat2', reason: 'binary' },
      { path: 'image.png', reason: 'binary' },
    ],
  );
  assert.equal(looksBinary(new TextEncoder().encode('plain text\twith tabs\r\n')), false);
});

test('symlinks that leave the workspace are not followed; links inside it are', async (t) => {
  const outside = await tempDir(t, 'crucible-outside-');
  await writeFile(join(outside, 'secret.md'), '# outside secret\n');
  const root = await tempProject(t, { 'docs/real.md': '# real\n' });
  await symlink(join(outside, 'secret.md'), join(root, 'link-out.md'));
  await symlink(outside, join(root, 'dir-out'));
  await symlink(join(root, 'docs', 'real.md'), join(root, 'link-in.md'));
  await symlink(join(root, 'docs'), join(root, 'docs-again'));
  const { files, skipped } = await paths(root);
  assert.deepEqual(files, ['docs/real.md', 'link-in.md']);
  assert.deepEqual(skipped.map((s) => `${s.path}:${s.reason}`).sort(), ['dir-out:symlink-outside', 'link-out.md:symlink-outside']);
});

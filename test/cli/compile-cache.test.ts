// The code cache the record CLI's bundle runs with (src/cli/compile-cache.ts): written after a
// first run, used by the next, replaced when the bundle changes, skipped when switched off; and
// the bundle's require and import() resolve from the bundle's own directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_ID_MARKER, buildIdOf, compileCacheDir, runCachedBundle } from '../../src/cli/compile-cache.js';
import { tempDir } from '../../support/helpers/temp.js';

const BUNDLE = `exports.answer = require('./helper.cjs').half * 2;
exports.later = (url) => __crucibleImport(url);
exports.where = __dirname;`;

test('a bundle runs with require from its directory, its cache written once, then used, then replaced when it changes', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const bundleDir = join(dir, 'dist');
    const cache = join(dir, 'cache');
    await mkdir(bundleDir);
    await writeFile(join(bundleDir, 'helper.cjs'), 'exports.half = 21;');
    await writeFile(join(bundleDir, 'late.mjs'), 'export const late = "imported";');
    const file = join(bundleDir, 'app.cjs');
    await writeFile(file, BUNDLE);
    const env = { CRUCIBLE_COMPILE_CACHE: cache };
    const importer = (specifier: string) => import(specifier);

    const first = runCachedBundle(file, importer, env);
    assert.equal(first.exports.answer, 42);
    assert.equal(first.exports.where, bundleDir);
    const late = (
      await (first.exports.later as (url: string) => Promise<{ late: string }>)(pathToFileURL(join(bundleDir, 'late.mjs')).href)
    ).late;
    assert.equal(late, 'imported');
    first.saveCache();
    const written = await readdir(cache);
    assert.equal(written.length, 1);
    assert.match(written[0]!, /^app\.cjs-[0-9a-f]{32}\.bin$/);

    runCachedBundle(file, importer, env).saveCache();
    assert.deepEqual(await readdir(cache), written, 'an accepted cache is not written again');

    await writeFile(file, `${BUNDLE}\nexports.changed = true;`);
    const changed = runCachedBundle(file, importer, env);
    assert.equal(changed.exports.changed, true);
    changed.saveCache();
    const replaced = await readdir(cache);
    assert.equal(replaced.length, 1, 'the cache of the old bundle is removed');
    assert.notEqual(replaced[0], written[0]);
  } finally {
    await cleanup();
  }
});

test('the cache directory: CRUCIBLE_COMPILE_CACHE, off, or the user cache directory', () => {
  assert.equal(compileCacheDir({ CRUCIBLE_COMPILE_CACHE: '/somewhere' }), '/somewhere');
  assert.equal(compileCacheDir({ CRUCIBLE_COMPILE_CACHE: 'off' }), undefined);
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/xdg' }), join('/xdg', 'crucible', 'compile'));
});

test('a bundle that ends with its build id is cached under it, without hashing its text', async () => {
  const id = 'a'.repeat(64);
  assert.equal(buildIdOf(`exports.x = 1;${BUILD_ID_MARKER}${id}\n`), id);
  assert.equal(buildIdOf('exports.x = 1;'), undefined);
  assert.equal(buildIdOf(`exports.x = 1;${BUILD_ID_MARKER}not-hex\n`), undefined);
  const { dir, cleanup } = await tempDir();
  try {
    const cache = join(dir, 'cache');
    const names: string[] = [];
    for (const [i, body] of ['exports.v = 1;', 'exports.v = 2;'].entries()) {
      const file = join(dir, `b${i}`, 'app.cjs');
      await mkdir(join(dir, `b${i}`));
      await writeFile(file, `${body}${BUILD_ID_MARKER}${id}\n`);
      const run = runCachedBundle(file, (specifier) => import(specifier), { CRUCIBLE_COMPILE_CACHE: join(cache, String(i)) });
      run.saveCache();
      names.push(...(await readdir(join(cache, String(i)))));
    }
    assert.equal(names.length, 2);
    assert.equal(names[0], names[1], 'the same build id names the same cache file');
  } finally {
    await cleanup();
  }
});

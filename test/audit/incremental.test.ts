// The facts cache: a warm audit parses nothing and loads no compiler, an edited
// tree re-parses only the edited file and finds exactly what a cold audit of it
// finds, and a corrupt or outdated cache is rebuilt without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/run.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

/** Zod 3 without its benchmarks: real code by other authors, with tests, cycles and duplicates. */
async function zodTree(dir: string): Promise<string> {
  const tree = join(dir, 'tree');
  await cp(join(repoRoot, 'node_modules/zod/src/v3'), tree, { recursive: true, filter: (src) => !src.includes('benchmarks') });
  return tree;
}

const EDIT = `
// TODO: drop once the callers moved
export function editedHelper(value: any): number {
  const text = String(value);
  return text.length > 3 ? text.length : 0;
}
export { ZodError as EditedError } from '../ZodError.js';
`;

test('an edited tree audited incrementally parses only the edited file and finds what a cold audit finds', async () => {
  const { dir, cleanup } = await tempDir('crucible-incremental-');
  try {
    const tree = await zodTree(dir);
    const cacheDir = join(dir, 'cache');
    const cold = await runAudit(tree, {}, { cacheDir });
    assert.equal(cold.filesParsed, cold.filesScanned);
    const warm = await runAudit(tree, {}, { cacheDir });
    assert.equal(warm.filesParsed, 0);
    assert.deepEqual(warm.findings, cold.findings);

    await appendFile(join(tree, 'helpers/util.ts'), EDIT);
    const incremental = await runAudit(tree, {}, { cacheDir });
    assert.equal(incremental.filesParsed, 1);
    const fresh = await runAudit(tree, {}, {});
    assert.equal(fresh.filesParsed, fresh.filesScanned);
    assert.deepEqual(incremental.findings, fresh.findings);
    assert.notDeepEqual(fresh.findings, cold.findings, 'the edit changes the findings, so the comparison means something');
    assert.ok(fresh.findings.some((f) => f.analyzer === 'markers' && f.path === 'helpers/util.ts'));
  } finally {
    await cleanup();
  }
});

test('a corrupt or older-version cache is ignored and rebuilt, never an error', async () => {
  const { dir, cleanup } = await tempDir('crucible-incremental-');
  try {
    const tree = join(dir, 'tree');
    await cp(join(repoRoot, 'node_modules/zod/src/v3/helpers'), tree, { recursive: true });
    const cacheDir = join(dir, 'cache');
    const cachePath = join(cacheDir, 'audit-facts.json');
    const cold = await runAudit(tree, {}, { cacheDir });
    const saved = JSON.parse(await readFile(cachePath, 'utf8')) as { version: string };

    await writeFile(cachePath, '{"version": 1, "facts": {"abc": ');
    const afterCorrupt = await runAudit(tree, {}, { cacheDir });
    assert.equal(afterCorrupt.filesParsed, cold.filesScanned);
    assert.deepEqual(afterCorrupt.findings, cold.findings);

    await writeFile(cachePath, JSON.stringify({ ...saved, version: `${saved.version}-older` }));
    assert.equal((await runAudit(tree, {}, { cacheDir })).filesParsed, cold.filesScanned);
    assert.equal((await runAudit(tree, {}, { cacheDir })).filesParsed, 0, 'the rebuilt cache is used');
  } finally {
    await cleanup();
  }
});

test('a warm audit with nothing changed does not load the TypeScript compiler; a cold one does', async () => {
  const { dir, cleanup } = await tempDir('crucible-incremental-');
  try {
    const tree = join(dir, 'tree');
    await cp(join(repoRoot, 'node_modules/zod/src/v3/helpers'), tree, { recursive: true });
    const audit = async () => {
      const child = await collect(spawnTs(join(repoRoot, 'support/helpers/audit-child.ts'), [tree, join(dir, 'cache')]));
      assert.equal(child.code, 0, child.stderr);
      return JSON.parse(child.stdout) as { filesParsed: number; findings: number; compilerLoaded: boolean };
    };
    const cold = await audit();
    assert.ok(cold.filesParsed > 0);
    assert.equal(cold.compilerLoaded, true, 'the check sees the compiler when it is loaded');
    const warm = await audit();
    assert.deepEqual(warm, { filesParsed: 0, findings: cold.findings, compilerLoaded: false });
  } finally {
    await cleanup();
  }
});

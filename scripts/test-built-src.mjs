// The source tree compiled once to JavaScript for the test run (esbuild, one file per file, no bundling),
// in a temp dir laid out like the checkout: src/ as .js, every other top-level entry (agents, prompts,
// demo, package.json, node_modules) a symlink to the real one, so paths computed from import.meta.url
// land where they do in the checkout. Tests that spawn the CLI (or another src/ entry point) as a child
// run it from here with plain node (support/helpers/child.ts reads CRUCIBLE_TEST_BUILT_SRC): the same
// code, without tsx compiling and resolving some three hundred modules again in every child.
//
// The tests' own child entry points (`*-child.ts` under support/ and test/) that import nothing but src/ and
// node's modules are compiled too, to `<top>.children/` (support/helpers/audit-child.ts to
// support.children/helpers/audit-child.js): at the same depth, so their `../../src/...` imports land on the
// compiled src/. A child importing anything else is left out and keeps running under tsx.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const CHILD_TOPS = ['support', 'test'];
const CHILD = /-child\.ts$/;

/** A child entry whose relative imports all land in src/ (bare and node: imports are packages). */
function importsOnlySrc(root, file) {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+['"](\.[^'"]+)['"]|\bimport\s*\(?\s*['"](\.[^'"]+)['"]/g)];
  return specifiers.every((m) => !relative(join(root, 'src'), resolve(dirname(file), m[1] ?? m[2])).startsWith('..'));
}

/** The child entry points worth compiling, by top-level directory. */
function childEntries(root) {
  return CHILD_TOPS.map((top) => ({
    top,
    files: readdirSync(join(root, top), { recursive: true })
      .map(String)
      .filter((file) => CHILD.test(file) && !file.split('/').includes('fixtures'))
      .map((file) => join(root, top, file))
      .filter((file) => importsOnlySrc(root, file)),
  }));
}

/** Builds the tree; returns its root, or undefined (children then run under tsx) when the build fails. */
export async function buildTestSource(root = process.cwd()) {
  const out = mkdtempSync(join(tmpdir(), 'crucible-test-src-'));
  const sources = readdirSync(join(root, 'src'), { recursive: true })
    .map(String)
    .filter((file) => !file.endsWith('.d.ts'))
    .map((file) => join(root, 'src', file));
  const common = { outdir: join(out, 'src'), outbase: join(root, 'src'), platform: 'node', target: 'node20', logLevel: 'silent' };
  try {
    await build({
      ...common,
      entryPoints: sources.filter((f) => /\.tsx?$/.test(f)),
      format: 'esm',
      jsx: 'automatic',
      tsconfig: join(root, 'tsconfig.json'),
    });
    await build({ ...common, entryPoints: sources.filter((f) => f.endsWith('.cts')), format: 'cjs', outExtension: { '.js': '.cjs' } });
    for (const name of readdirSync(root)) if (name !== 'src' && name !== '.git') symlinkSync(resolve(root, name), join(out, name));
  } catch (error) {
    console.error(`# children run under tsx: compiling src/ for the tests failed: ${error instanceof Error ? error.message : error}`);
    rmSync(out, { recursive: true, force: true });
    return undefined;
  }
  try {
    for (const { top, files } of childEntries(root))
      if (files.length > 0)
        await build({ ...common, entryPoints: files, format: 'esm', outdir: join(out, `${top}.children`), outbase: join(root, top) });
  } catch (error) {
    // Only the children lose: tsArgv runs a child that was not compiled under tsx.
    console.error(`# test child entry points run under tsx: compiling them failed: ${error instanceof Error ? error.message : error}`);
    for (const top of CHILD_TOPS) rmSync(join(out, `${top}.children`), { recursive: true, force: true });
  }
  return out;
}

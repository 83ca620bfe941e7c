// The source tree compiled once to JavaScript for the test run (esbuild, one file per file, no bundling),
// in a temp dir laid out like the checkout: src/ as .js, every other top-level entry (agents, prompts,
// demo, package.json, node_modules) a symlink to the real one, so paths computed from import.meta.url
// land where they do in the checkout. Tests that spawn the CLI (or another src/ entry point) as a child
// run it from here with plain node (support/helpers/child.ts reads CRUCIBLE_TEST_BUILT_SRC): the same
// code, without tsx compiling and resolving some three hundred modules again in every child.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
    return out;
  } catch (error) {
    console.error(`# children run under tsx: compiling src/ for the tests failed: ${error instanceof Error ? error.message : error}`);
    rmSync(out, { recursive: true, force: true });
    return undefined;
  }
}

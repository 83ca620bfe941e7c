// After `tsc`, bundles dist/cli/record-cli.js (the record commands: status, task, req, log,
// trace, judgments, decide, link) with the modules and packages they import, in place, so
// those commands load a few files instead of some two hundred (module resolution and
// compilation were most of their start-up). Modules they import only on some paths
// become chunks beside it in dist/cli/ (the same depth, so paths computed from
// import.meta.url, like the package root, stay right).
// Left outside the bundle: native addons and the PostgreSQL driver, and the four modules
// the bundled code imports only on paths a record command never takes (the index, the
// gate runner, the prompt templates, the audit): those stay imports of tsc's output.
// Everything else a record command may run is inside, so no class (CrucibleError,
// RecordRefusal) exists twice in one process and `instanceof` keeps working.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/cli');

/** Dynamic imports no record command runs; each is left to tsc's output (and a new heavy one fails the package check below). */
const UNBUNDLED = ['retrieval/index.js', 'audit/record-audit.js', 'tools/gate-runner.js', 'runtime/prompts.js'].map((path) =>
  join(root, 'dist', path),
);

/** The packages the record commands use; anything else in the bundle is a mistake (the build fails and says so). */
const BUNDLED_PACKAGES = new Set(['zod', 'commander', 'level', 'fastest-levenshtein', 'yaml']);

const keepDynamicImports = {
  name: 'keep-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = join(args.resolveDir, args.path);
      if (args.kind !== 'dynamic-import' || !UNBUNDLED.includes(target)) return undefined;
      return { path: relative(cli, target).replace(/^(?!\.)/, './'), external: true };
    });
  },
};

// Chunks of an earlier build would pile up beside the new ones.
for (const file of readdirSync(cli)) if (/^record-cli-\w+\.js$/.test(file)) rmSync(join(cli, file));

/**
 * zod's namespace re-exports its error messages in some forty languages (half its code);
 * Crucible sets none but the English default, so the bundle carries only that one.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.path, '..', 'en.js'))};`,
      resolveDir: join(args.path, '..'),
    }));
  },
};

const result = await build({
  entryPoints: [join(cli, 'record-cli.js')],
  outdir: cli,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'record-cli-[hash]',
  external: ['classic-level', 'pg', 'hnswlib-node'],
  plugins: [keepDynamicImports, englishOnlyZod],
  metafile: true,
  // CommonJS packages bundled into ESM call require() for node's built-ins.
  banner: { js: "import { createRequire as __crucibleRequire } from 'node:module'; const require = __crucibleRequire(import.meta.url);" },
  logLevel: 'warning',
});

const strays = new Set(
  Object.keys(result.metafile.inputs)
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((name) => name !== undefined && !BUNDLED_PACKAGES.has(name)),
);
if (strays.size > 0) {
  console.error(`bundle-cli: the record CLI's bundle took in ${[...strays].join(', ')}; keep them out (scripts/bundle-cli.mjs)`);
  process.exit(1);
}

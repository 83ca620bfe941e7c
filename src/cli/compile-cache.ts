// Runs a CommonJS bundle compiled with V8's code cache, kept per user. Node 22 has
// module.enableCompileCache for this; Node 20 does not, so the bundle is compiled here with
// vm.Script and the cached data V8 made for it on an earlier run. The cache file is named by
// the node version, the architecture and a hash of the bundle's text (V8 itself checks only
// the text's length): the build id scripts/bundle-cli.mjs writes at its end, or one computed
// here for a bundle without one. It is written, atomically, after a command ran, so that the
// functions the command used are in it compiled. A cache that cannot be read or written costs only time.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Where compiled code is cached: CRUCIBLE_COMPILE_CACHE (a directory, or `off`), else the user's cache directory. */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.CRUCIBLE_COMPILE_CACHE;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  try {
    return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'crucible', 'compile');
  } catch {
    return undefined; // no home directory: nothing is cached
  }
}

export interface CachedBundle {
  exports: Record<string, unknown>;
  /** Writes the code cache when there was none V8 accepted; call once the command has run. */
  saveCache(): void;
  /** Where this build may remember parses (src/shared/parse-memo.ts): beside its code cache, when it has a build id. */
  memoDir: string | undefined;
}

const MEMO_PREFIX = 'memo-';

/** The marker scripts/bundle-cli.mjs ends a bundle with, followed by the sha256 of the text before it. */
export const BUILD_ID_MARKER = '\n// crucible-build ';

/** The build id at the end of a bundle, read without hashing a megabyte of text on every run. */
export function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_MARKER);
  if (at < 0 || source.length - at > BUILD_ID_MARKER.length + 80) return undefined;
  const id = source.slice(at + BUILD_ID_MARKER.length).trim();
  return /^[0-9a-f]{64}$/.test(id) ? id : undefined;
}

// node:crypto is loaded only here: a command that never hashes does not pay for it.
const hashOf = (text: string): string =>
  (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'))
    .createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, 32);

/**
 * Runs `file`, a CommonJS bundle, as `require` would, with one more free variable: `__crucibleImport`,
 * the `import()` its external dynamic imports call (vm.Script has no module loader of its own).
 */
export function runCachedBundle(file: string, importer: (specifier: string) => Promise<unknown>, env: NodeJS.ProcessEnv): CachedBundle {
  const source = readFileSync(file, 'utf8');
  const dir = compileCacheDir(env);
  const prefix = `${basename(file)}-`;
  const buildId = buildIdOf(source);
  const key = hashOf(`${process.version} ${process.arch}\n${buildId ?? source}`);
  const cacheFile = dir === undefined ? undefined : join(dir, `${prefix}${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet
  }
  // One line of wrapper, so line numbers in stack traces are the bundle's own.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __crucibleImport) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file), importer);
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  const memoDir = dir !== undefined && buildId !== undefined ? join(dir, `${MEMO_PREFIX}${key}`) : undefined;
  return {
    exports: module.exports,
    memoDir,
    saveCache() {
      if (!stale || dir === undefined || cacheFile === undefined) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, cacheFile);
        // Caches of earlier builds of the same bundle are of no more use.
        // So are the parses earlier builds remembered.
        for (const name of readdirSync(dir))
          if (name.startsWith(prefix) && name.endsWith('.bin') && join(dir, name) !== cacheFile) rmSync(join(dir, name), { force: true });
          else if (name.startsWith(MEMO_PREFIX) && join(dir, name) !== memoDir) rmSync(join(dir, name), { recursive: true, force: true });
      } catch {
        // An unwritable cache directory: the next run compiles again.
      }
    },
  };
}

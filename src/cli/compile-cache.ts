// Runs a CommonJS bundle compiled with V8's code cache, kept per user. Node 22 has
// module.enableCompileCache for this; Node 20 does not, so the bundle is compiled here with
// vm.Script and the cached data V8 made for it on an earlier run. The cache file is named by
// a hash of the node version, the architecture and the bundle's text (V8 itself checks only
// the text's length), and is written, atomically, after a command ran, so that the functions
// the command used are in it compiled. A cache that cannot be read or written costs only time.
import { createHash } from 'node:crypto';
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
}

/**
 * Runs `file`, a CommonJS bundle, as `require` would, with one more free variable: `__crucibleImport`,
 * the `import()` its external dynamic imports call (vm.Script has no module loader of its own).
 */
export function runCachedBundle(file: string, importer: (specifier: string) => Promise<unknown>, env: NodeJS.ProcessEnv): CachedBundle {
  const source = readFileSync(file, 'utf8');
  const dir = compileCacheDir(env);
  const prefix = `${basename(file)}-`;
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex').slice(0, 32);
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
  return {
    exports: module.exports,
    saveCache() {
      if (!stale || dir === undefined || cacheFile === undefined) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, cacheFile);
        // Caches of earlier builds of the same bundle are of no more use.
        for (const name of readdirSync(dir))
          if (name.startsWith(prefix) && name.endsWith('.bin') && join(dir, name) !== cacheFile) rmSync(join(dir, name), { force: true });
      } catch {
        // An unwritable cache directory: the next run compiles again.
      }
    },
  };
}

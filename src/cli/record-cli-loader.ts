// Loads the record CLI the fastest way there is: the CommonJS bundle `npm run build` makes beside
// this file (dist/cli/record-cli.cjs, scripts/bundle-cli.mjs), compiled with V8's code cache
// (compile-cache.ts), remembering parses beside it (src/shared/parse-memo.ts); or, run from the
// sources (tsx), the module itself, which remembers nothing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCachedBundle } from './compile-cache.js';
import type { configureParseMemo, runRecordCli } from './record-cli.js';

export interface LoadedRecordCli {
  run: typeof runRecordCli;
  /** Called once the command has run. */
  finish(): void;
}

export async function loadRecordCli(env: NodeJS.ProcessEnv): Promise<LoadedRecordCli> {
  const bundle = fileURLToPath(new URL('./record-cli.cjs', import.meta.url));
  if (!existsSync(bundle)) return { run: (await import('./record-cli.js')).runRecordCli, finish: () => undefined };
  // The bundle's own dynamic imports (the audit, the embedders...) resolve from here: the same directory.
  const loaded = runCachedBundle(bundle, (specifier) => import(specifier), env);
  (loaded.exports.configureParseMemo as typeof configureParseMemo)(loaded.memoDir === undefined ? undefined : { dir: loaded.memoDir });
  return { run: loaded.exports.runRecordCli as typeof runRecordCli, finish: () => loaded.saveCache() };
}

// What the CLI's start-up is made of, for `npm run bench -- cli`: each module's
// import cost alone (a fresh process per sample; timed inside it, so node's own
// start-up is not in it), and which packages and layers a command's process loads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/helpers/child.js';

/**
 * The packages and the built modules measured alone (a built module's cost includes what it imports).
 * dist/cli/record-cli.cjs is the bundle the record commands and search run from (imported here as
 * node imports CommonJS, without the code cache the CLI compiles it with); the others are tsc's
 * modules, which the rest of the CLI (and the record commands run from the sources) load one by one.
 */
export const MEASURED_MODULES = [
  'commander',
  'zod',
  'level',
  'yaml',
  'fastest-levenshtein',
  'pg',
  'xstate',
  'ink',
  '@anthropic-ai/sdk',
  '@anthropic-ai/claude-agent-sdk',
  'typescript',
  '@energetic-ai/embeddings',
  'dist/record/events.js',
  'dist/record/store.js',
  'dist/workspace/open.js',
  'dist/cli/context.js',
  'dist/cli/commands/status.js',
  'dist/cli/commands/task.js',
  'dist/cli/record-cli.cjs',
  'dist/cli/program.js',
  'dist/app/session.js',
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number) => Number(n.toFixed(1));

function urlOf(specifier: string): string {
  return specifier.startsWith('dist/') ? pathToFileURL(join(repoRoot, specifier)).href : import.meta.resolve(specifier);
}

/** Median ms to import each module in a fresh process (it is imported first thing, nothing else loaded). */
export function importCosts(runs: number): Record<string, number> {
  const costs: Record<string, number> = {};
  for (const specifier of MEASURED_MODULES) {
    const script = `const t = performance.now(); await import(${JSON.stringify(urlOf(specifier))}); console.log(performance.now() - t);`;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`importing ${specifier} failed: ${child.stderr}`);
      samples.push(Number(child.stdout.trim()));
    }
    costs[specifier] = round(median(samples));
  }
  return costs;
}

export interface Loaded {
  modules: number;
  /** node_modules packages, by name. */
  packages: string[];
  /** Crucible's own modules per layer (dist/<layer>/). */
  layers: Record<string, number>;
}

/** What one run of `crucible <argv>` loads, recorded by support/helpers/module-recorder.mjs. */
export function loadedBy(crucible: string, argv: string[], cwd: string): Loaded {
  const out = join(cwd, '.bench-modules.txt');
  const recorder = join(repoRoot, 'support/helpers/module-recorder.mjs');
  const child = spawnSync(process.execPath, ['--import', recorder, crucible, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CRUCIBLE_MODULES_OUT: out },
  });
  if (child.status !== 0) throw new Error(`crucible ${argv.join(' ')} failed: ${child.stderr}`);
  const urls = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  rmSync(out);
  const packages = new Set<string>();
  const layers: Record<string, number> = {};
  for (const url of urls) {
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    const layer = /\/dist\/([^/]+)\//.exec(url)?.[1];
    if (pkg) packages.add(pkg);
    else if (layer) layers[layer] = (layers[layer] ?? 0) + 1;
  }
  return { modules: urls.filter((u) => !u.startsWith('node:')).length, packages: [...packages].sort(), layers };
}

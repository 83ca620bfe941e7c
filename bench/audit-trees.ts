// Trees the audit benches read besides node_modules: npm packages at pinned versions, fetched on demand with
// `npm pack` into node_modules/.cache/crucible/audit-trees/ (nothing added to package.json), and any directory with a
// package.json given as `--tree name=path`. A failure is one line naming what and how to fix, and exit code 2 or 1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../support/helpers/child.js';

/** Published packages with their TypeScript source in the tarball, by other authors (docs/audit-quality.md, ninth round). */
export const NPM_TREES: ReadonlyArray<{ name: string; spec: string }> = [
  { name: 'mobx', spec: 'mobx@7.1.3' },
  { name: 'trpc-server', spec: '@trpc/server@11.25.2' },
  { name: 'immer', spec: 'immer@11.2.13' },
  { name: 'query-core', spec: '@tanstack/query-core@5.108.4' },
];

const CACHE = join(repoRoot, 'node_modules/.cache/crucible/audit-trees');

/** Stops the bench with one line on stderr. */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** The unpacked package directory of a pinned npm spec, fetched into the cache the first time. */
export function npmTree(spec: string): string {
  const dir = join(CACHE, spec.replace(/^@/, '').replace(/[/@]/g, '-'));
  const unpacked = join(dir, 'package');
  if (existsSync(join(unpacked, 'package.json'))) return unpacked;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    execFileSync('npm', ['pack', spec, '--pack-destination', partial], { stdio: ['ignore', 'pipe', 'pipe'] });
    const file = readdirSync(partial).find((f) => f.endsWith('.tgz'));
    if (file === undefined) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['-xzf', join(partial, file), '-C', partial], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return unpacked;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString() ?? '';
    // npm's first error line is its code (ETARGET, ENOTFOUND); the next says what happened.
    const said = [...stderr.matchAll(/^npm (?:error|ERR!) (.+)$/gm)].map((m) => m[1] as string);
    const detail = said.find((line) => !/^(code |errno |A complete log)/.test(line)) ?? said[0] ?? (error as Error).message.split('\n')[0];
    return fail(
      `audit trees: could not fetch ${spec} with npm pack (${detail}); ` +
        'check the network and the npm registry, or pass the unpacked package as --tree NAME=PATH',
      1,
    );
  }
}

/**
 * Every `--tree name=path`: a directory (one line and exit 2 otherwise), with a package.json unless `anyFolder`
 * (the recall bench reads a folder of sources; the sample bench needs the package's root to know its public API).
 */
export function treeOptions(args: readonly string[], anyFolder = false): Array<{ name: string; path: string }> {
  const trees: Array<{ name: string; path: string }> = [];
  args.forEach((arg, i) => {
    if (arg !== '--tree') return;
    const value = args[i + 1] ?? '';
    const match = /^([\w.@-]+)=(.+)$/.exec(value);
    if (!match) fail(`--tree "${value}": expected NAME=PATH, e.g. --tree ink=../ink`, 2);
    const path = resolve(match[2] as string);
    if (!existsSync(path) || !statSync(path).isDirectory()) fail(`--tree ${value}: ${path} is not a directory; pass a package's root`, 2);
    if (!anyFolder && !existsSync(join(path, 'package.json')))
      fail(`--tree ${value}: ${path} has no package.json; pass the package's root, not its src/`, 2);
    trees.push({ name: match[1] as string, path });
  });
  return trees;
}

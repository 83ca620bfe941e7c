// Finds the files to ingest: include/exclude globs, `.gitignore`, and the
// directories that are never content (`.git`, `.crucible`, `node_modules`).
// Binary and oversize files are reported as skipped. Symlinked directories are
// never traversed; a symlinked file is used only when its target is inside the root.
import { lstat, realpath, stat } from 'node:fs/promises';
import { join, relative, sep, isAbsolute } from 'node:path';
import fg from 'fast-glob';
import type { RetrievalConfig } from './config.js';
import { hasBinaryExtension, looksBinary, readHead } from './binary.js';
import { loadGitignoreRules } from './gitignore.js';
import type { SkippedFile } from './types.js';

export const ALWAYS_EXCLUDED = ['**/.git/**', '**/.crucible/**', '**/node_modules/**'];

export interface DiscoveredFile {
  /** Path relative to the root, with `/` separators. */
  path: string;
  absPath: string;
  size: number;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export interface DiscoveryOptions {
  root: string;
  config: Pick<RetrievalConfig, 'include' | 'exclude' | 'respectGitignore' | 'maxFileBytes'>;
  /** Extra globs to exclude (e.g. an index directory inside the root). */
  extraExclude?: string[];
  /** Limit discovery to these paths (files or directories, relative to root). */
  scope?: string[];
}

type Verdict = { file: DiscoveredFile } | { skip: SkippedFile } | null;

export async function discoverFiles(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const { root, config } = options;
  const realRoot = await realpath(root);
  const alwaysIgnored = [...ALWAYS_EXCLUDED, ...(options.extraExclude ?? [])];
  const gitignore = config.respectGitignore ? await loadGitignoreRules(root, alwaysIgnored) : null;
  const entries = await fg(config.include, {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    ignore: [...alwaysIgnored, ...config.exclude],
  });
  const scope = (options.scope ?? []).map((p) => normalizeScope(root, p));
  const candidates = entries
    .filter((e) => e.dirent.isFile() || e.dirent.isSymbolicLink())
    .map((e) => e.path)
    .filter((path) => scope.length === 0 || scope.some((s) => inScope(path, s)))
    .filter((path) => !(gitignore?.ignores(path) ?? false))
    .sort();

  const verdicts = await mapLimit(candidates, 32, (path) => inspect(root, realRoot, path, config.maxFileBytes));
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const verdict of verdicts) {
    if (verdict === null) continue;
    if ('file' in verdict) files.push(verdict.file);
    else skipped.push(verdict.skip);
  }
  return { files, skipped };
}

async function inspect(root: string, realRoot: string, path: string, maxBytes: number): Promise<Verdict> {
  const absPath = join(root, path);
  try {
    const link = await lstat(absPath);
    if (link.isSymbolicLink()) {
      const target = await realpath(absPath).catch(() => null);
      if (target === null || !isInside(realRoot, target)) return { skip: { path, reason: 'symlink-outside' } };
    }
    const info = link.isSymbolicLink() ? await stat(absPath) : link;
    if (!info.isFile()) return null; // a symlinked directory inside the root: its files are found directly
    if (info.size > maxBytes) return { skip: { path, reason: 'oversize' } };
    if (hasBinaryExtension(path) || looksBinary(await readHead(absPath))) return { skip: { path, reason: 'binary' } };
    return { file: { path, absPath, size: info.size } };
  } catch {
    return { skip: { path, reason: 'unreadable' } };
  }
}

function isInside(realRoot: string, target: string): boolean {
  const rel = relative(realRoot, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Turns a user-given path (absolute or relative) into a root-relative posix prefix. */
function normalizeScope(root: string, path: string): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  return rel
    .split(sep)
    .join('/')
    .replace(/^\.\/?/, '')
    .replace(/\/+$/, '');
}

const inScope = (path: string, scope: string): boolean => scope === '' || path === scope || path.startsWith(`${scope}/`);

export function isPathInScope(path: string, scope: string[] | undefined, root: string): boolean {
  if (!scope || scope.length === 0) return true;
  return scope.map((s) => normalizeScope(root, s)).some((s) => inScope(path, s));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

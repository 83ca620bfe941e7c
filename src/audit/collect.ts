// Reads the files to audit: include/exclude globs, `.gitignore` (nested ones
// apply below their own directory), never `node_modules`, `dist`, `.crucible`
// or `.git`; binary and oversized files are skipped. The package.json and
// tsconfig.json files of the tree come along (they say what is public API and
// whether type-only imports survive); they are data, not code, and every
// analyzer of code filters by `isCodeFile`.
import { open, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { MANIFEST_GLOBS } from './manifests.js';
import type { SourceFile } from './types.js';

const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/dist/**', '**/.crucible/**', '**/.git/**'];

export interface CollectOptions {
  include: string[];
  exclude?: string[];
  respectGitignore?: boolean;
  /** Larger files are skipped. Default 512 000 bytes. */
  maxFileBytes?: number;
  /** Also read package.json and tsconfig*.json files (default true). */
  manifests?: boolean;
}

/** How many times the tree is read before its files are taken as they are, still changing. */
const MAX_PASSES = 4;

/**
 * The files as they were at one moment: after reading, every file is stat-ed again (and the tree listed again), and
 * what changed meanwhile is read again, so an agent's edit in progress never yields a half-old, half-new tree (a new
 * module read, its importers not yet rewritten).
 */
export async function collectSources(
  root: string,
  options: CollectOptions,
  /** Replaceable for tests: what reads one file. */
  read: (absPath: string, maxBytes: number) => Promise<string | null> = readText,
): Promise<SourceFile[]> {
  const maxBytes = options.maxFileBytes ?? 512_000;
  let reads = new Map<string, FileRead>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = new Map<string, FileRead>();
    let changed = false;
    for (const path of await listPaths(root, options)) {
      const before = reads.get(path);
      const stamp = await stampOf(join(root, path));
      if (before && before.stamp === stamp) next.set(path, before);
      else {
        changed = true;
        next.set(path, { stamp, content: stamp === null ? null : await read(join(root, path), maxBytes) });
      }
    }
    changed ||= [...reads.keys()].some((path) => !next.has(path));
    reads = next;
    if (!changed) break;
  }
  return [...reads].flatMap(([path, read]) => (read.content === null ? [] : [{ path, content: read.content }]));
}

interface FileRead {
  /** Modification time and size when read; null when the file could not be stat-ed. */
  stamp: string | null;
  content: string | null;
}

async function stampOf(absPath: string): Promise<string | null> {
  try {
    const { mtimeMs, size } = await stat(absPath);
    return `${mtimeMs}:${size}`;
  } catch {
    return null;
  }
}

async function listPaths(root: string, options: CollectOptions): Promise<string[]> {
  const include = options.manifests === false ? options.include : [...options.include, ...MANIFEST_GLOBS];
  const paths = await fg(include, {
    cwd: root,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])],
  });
  const ignored = options.respectGitignore === false ? () => false : await gitignoreRules(root);
  return paths.filter((p) => !ignored(p)).sort();
}

/** The file's text, or null when it is too big, binary or unreadable. */
async function readText(absPath: string, maxBytes: number): Promise<string | null> {
  try {
    if ((await stat(absPath)).size > maxBytes) return null;
    if (await looksBinary(absPath)) return null;
    return await readFile(absPath, 'utf8');
  } catch {
    return null;
  }
}

async function looksBinary(absPath: string): Promise<boolean> {
  const handle = await open(absPath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

async function gitignoreRules(root: string): Promise<(path: string) => boolean> {
  const files = await fg('**/.gitignore', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_EXCLUDED });
  const byDir = new Map<string, ReturnType<typeof ignore>>();
  for (const file of files) {
    const dir = posix.dirname(file);
    byDir.set(dir === '.' ? '' : dir, ignore().add(await readFile(join(root, file), 'utf8')));
  }
  if (byDir.size === 0) return () => false;
  return (path) => {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const rules = byDir.get(parts.slice(0, depth).join('/'));
      if (rules?.ignores(parts.slice(depth).join('/'))) return true;
    }
    return false;
  };
}

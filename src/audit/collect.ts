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

export async function collectSources(root: string, options: CollectOptions): Promise<SourceFile[]> {
  const include = options.manifests === false ? options.include : [...options.include, ...MANIFEST_GLOBS];
  const paths = await fg(include, {
    cwd: root,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])],
  });
  const ignored = options.respectGitignore === false ? () => false : await gitignoreRules(root);
  const maxBytes = options.maxFileBytes ?? 512_000;
  const files: SourceFile[] = [];
  for (const path of paths.filter((p) => !ignored(p)).sort()) {
    const content = await readText(join(root, path), maxBytes);
    if (content !== null) files.push({ path, content });
  }
  return files;
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

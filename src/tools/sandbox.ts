import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { usageError } from '../shared/errors.js';

/**
 * Keeps every path an agent or a command names inside the workspace root:
 * no absolute paths (unless allowed and inside), no `..` that climbs out, and
 * no symlink whose target lies outside.
 */
export interface ResolvedPath {
  absolute: string;
  /** Relative to the root with forward slashes, as stored in the record. */
  relative: string;
}

const inside = (root: string, target: string): boolean => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The deepest existing ancestor, resolved through symlinks. */
function realExisting(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return resolve(realpathSync(current), relative(current, path));
}

export function resolveInWorkspace(root: string, path: string, options: { allowAbsolute?: boolean } = {}): ResolvedPath {
  if (path.trim() === '' || path.includes('\0')) throw usageError('bad-path', `"${path}" is not a usable path`, 'name a file inside the project, e.g. src/index.ts');
  if (isAbsolute(path) && !options.allowAbsolute) {
    throw usageError('path-outside', `${path}: absolute paths are not allowed`, 'use a path relative to the project root');
  }
  const realRoot = realpathSync(root);
  const absolute = resolve(root, path);
  if (!inside(resolve(root), absolute) && !inside(realRoot, absolute)) {
    throw usageError('path-outside', `${path}: leaves the project directory`, 'use a path inside the project, without ..');
  }
  const real = realExisting(absolute);
  if (!inside(realRoot, real)) {
    throw usageError('path-outside', `${path}: resolves through a symlink to ${real}, outside the project`, 'link only files that live inside the project');
  }
  const rel = relative(realRoot, real).split(sep).join('/');
  return { absolute: real, relative: rel === '' ? '.' : rel };
}

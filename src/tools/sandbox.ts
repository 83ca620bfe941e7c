// Keeps every path an agent or a command names inside the workspace root:
// no absolute paths (unless allowed and inside), no `..` that climbs out, and
// no symlink whose target lies outside — a dangling one included.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { usageError } from '../shared/errors.js';

export interface ResolvedPath {
  absolute: string;
  /** Relative to the root with forward slashes, as stored in the record. */
  relative: string;
}

/** The most symlinks one path may pass through, as Linux's ELOOP limit. */
const MAX_LINKS = 40;

/**
 * Whether a path segment names Crucible's workspace or git's store. Compared
 * without case: on a case-insensitive file system (macOS, Windows) `.Crucible`
 * and `.GIT` are the same folders.
 */
export const isPrivateSegment = (segment: string, which: '.crucible' | '.git'): boolean => segment.toLowerCase() === which;

export const isInside = (root: string, target: string): boolean => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** True when something, a dangling symlink included, exists at `path`. */
const exists = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/**
 * Where `path` really points: existing ancestors resolved through symlinks, and
 * a dangling symlink followed to the place its target would be created, so a
 * link such as `src/x.js -> ../../outside/file` resolves outside.
 */
function realTarget(path: string, hops = 0): string {
  let current = path;
  while (!exists(current)) {
    const parent = dirname(current);
    if (parent === current) return path;
    current = parent;
  }
  const rest = relative(current, path);
  try {
    return resolve(realpathSync(current), rest);
  } catch {
    // `current` exists but cannot be resolved: a dangling symlink (or a loop). Follow it by hand.
    if (hops >= MAX_LINKS)
      throw usageError('path-outside', `${path}: too many levels of symbolic links`, 'name a real file, not a symlink loop');
    const link = readlinkSync(current);
    return realTarget(resolve(realTarget(dirname(current), hops + 1), link, rest), hops + 1);
  }
}

export function resolveInWorkspace(root: string, path: string, options: { allowAbsolute?: boolean } = {}): ResolvedPath {
  if (path.trim() === '' || path.includes('\0'))
    throw usageError('bad-path', `"${path}" is not a usable path`, 'name a file inside the project, e.g. src/index.ts');
  if (isAbsolute(path) && !options.allowAbsolute) {
    throw usageError('path-outside', `${path}: absolute paths are not allowed`, 'use a path relative to the project root');
  }
  const realRoot = realpathSync(root);
  const absolute = resolve(root, path);
  if (!isInside(resolve(root), absolute) && !isInside(realRoot, absolute)) {
    throw usageError('path-outside', `${path}: leaves the project directory`, 'use a path inside the project, without ..');
  }
  const real = realTarget(absolute);
  if (!isInside(realRoot, real)) {
    throw usageError(
      'path-outside',
      `${path}: resolves through a symlink to ${real}, outside the project`,
      'link only files that live inside the project',
    );
  }
  const rel = relative(realRoot, real).split(sep).join('/');
  return { absolute: real, relative: rel === '' ? '.' : rel };
}

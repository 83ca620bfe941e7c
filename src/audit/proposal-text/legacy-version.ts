// A folder named for an older major version than the package's own (zod 4's `src/v3/`) holds code kept for the users
// still on that version: its maintainers take fixes there, not refactors (twelfth round, J7 and J9 on zod's `_parse`
// copies). Copies inside it stay findings.
import { posix } from 'node:path';
import { readJsonObject } from '../manifests.js';
import type { CodeIndex } from './context.js';

const VERSION_SEGMENT = /^v(\d+)$/;

/**
 * The major version of the published library the nearest package.json above `path` describes, if it states one. Only
 * a library (`main` or `exports`, not `private`) keeps an old major's folder for its users: an application's `v1/` is
 * its HTTP API's live first version.
 */
function libraryMajor(path: string, index: CodeIndex): number | undefined {
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const file = index.file(dir === '.' ? 'package.json' : `${dir}/package.json`);
    const manifest = file ? readJsonObject(file) : null;
    if (manifest && typeof manifest.version === 'string') {
      const library = manifest.private !== true && (manifest.main !== undefined || manifest.exports !== undefined);
      return library ? Number.parseInt(manifest.version, 10) : undefined;
    }
    if (dir === '.' || dir === '/') return undefined;
  }
}

/** Why copies that all sit in an older version's folder stay a finding, if they do. */
export function legacyCopies(paths: readonly string[], index: CodeIndex): string | undefined {
  const folders = paths.map((path) => {
    const segments = path.split('/').slice(0, -1);
    const at = segments.findLastIndex((s) => VERSION_SEGMENT.test(s));
    return at < 0 ? undefined : { dir: `${segments.slice(0, at + 1).join('/')}/`, version: Number(segments[at]?.slice(1)) };
  });
  const [first] = folders;
  if (!first || folders.some((f) => f?.dir !== first.dir)) return undefined;
  const major = libraryMajor(paths[0] as string, index);
  if (major === undefined || Number.isNaN(major) || first.version >= major) return undefined;
  return `${first.dir} is version ${first.version} of the API, kept beside the package's version ${major} for its users: it takes fixes, not refactors`;
}

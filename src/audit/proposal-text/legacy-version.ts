// A folder named for an older major version than the package's own (zod 4's `src/v3/`) holds code kept for the users
// still on that version: its maintainers take fixes there, not refactors (twelfth round, J7 and J9 on zod's `_parse`
// copies). Copies inside it stay findings.
import { posix } from 'node:path';
import { readJsonObject } from '../manifests.js';
import type { CodeIndex } from './context.js';

const VERSION_SEGMENT = /^v(\d+)$/;

/** The package's major version from the nearest package.json above `path` in the tree, if it states one. */
function packageMajor(path: string, index: CodeIndex): number | undefined {
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const manifest = index.file(dir === '.' ? 'package.json' : `${dir}/package.json`);
    const version = manifest ? readJsonObject(manifest)?.version : undefined;
    if (typeof version === 'string') return Number.parseInt(version, 10);
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
  const major = packageMajor(paths[0] as string, index);
  if (major === undefined || Number.isNaN(major) || first.version >= major) return undefined;
  return `${first.dir} is version ${first.version} of the API, kept beside the package's version ${major} for its users: it takes fixes, not refactors`;
}

// Where a helper of copies in two parts of a tree goes: a module both can import, and of those, the part one copy's
// file already imports from (through barrels' `export … from`) when the other's does not import back. An adapter's copy
// of core code goes into the core, beside the core's copy, not into the root both share (`src/`): that would add an
// import from the core upwards, or a third place for the layers to meet. A file that reaches the core only through an
// entry the package publishes (`@trpc/server/http`, listing its exports) cannot call a new core helper without it
// becoming public API there, or without a deep import past that entry: the fix says so, and the change is larger.
import { posix } from 'node:path';
import type { CodeIndex } from './context.js';

export interface LayerHome {
  /** "in src/core/http/ (…)". */
  where: string;
  /** The published entry through which alone the caller reaches the helper's part of the tree. */
  entry?: string;
}

/** The part of the tree below `home` a file sits in: `src/adapters/ws.ts` below `src/` is `src/adapters`. */
const partOf = (path: string, home: string): string => home + (path.slice(home.length).split('/')[0] ?? '');

/** Whether `target` is in `part` (the folder, or a module of its name: `src/core.ts` for `src/core`). */
const isIn = (target: string, part: string): boolean =>
  target.startsWith(`${part}/`) || target.replace(/(\/index)?\.[cm]?[jt]sx?$/, '') === part;

/** Whether `path` reaches anything in `part`, directly or through what its imports pass on. */
const reaches = (path: string, part: string, index: CodeIndex): boolean => [...index.reached(path)].some((target) => isIn(target, part));

/**
 * The published module `user` reaches `part` through, when it imports nothing of `part` directly: the one it takes
 * something of `used` from (`resolveResponse` from `http.ts`), else the first.
 */
function publicEntry(user: string, part: string, used: string, index: CodeIndex): string | undefined {
  const imports = index.importsOf(user);
  if (imports.some((target) => isIn(target, part))) return undefined;
  const entries = imports.filter((target) => index.isPublished(target) && reaches(target, part, index));
  const takesFromUsed = (entry: string): boolean => index.exportsOf(used).some((e) => index.importersOf(entry, e.name).includes(user));
  return entries.find(takesFromUsed) ?? entries[0];
}

/** "in src/core/http/ (…)" when one copy's file already depends on the other's part of the tree, and not the reverse. */
export function layerHome(a: string, b: string, home: string, index: CodeIndex): LayerHome | undefined {
  if (a === b || !home.endsWith('/')) return undefined;
  const [partA, partB] = [partOf(a, home), partOf(b, home)];
  if (partA === partB) return undefined;
  const [aToB, bToA] = [reaches(a, partB, index), reaches(b, partA, index)];
  if (aToB === bToA) return undefined;
  const [user, used, usedPart, userPart] = aToB ? [a, b, partB, partA] : [b, a, partA, partB];
  const [dir, usedName] = [`${posix.dirname(used)}/`, posix.basename(used)];
  const entry = publicEntry(user, usedPart, used, index);
  if (!entry) return { where: `in ${dir} (${user} already imports from ${usedPart}/; ${usedName} imports nothing from ${userPart}/)` };
  return {
    where:
      `in ${dir} (${usedName} imports nothing from ${userPart}/; ${user} reaches ${usedPart}/ only through ${entry}, an entry the ` +
      `package publishes: the helper becomes a public export there, or ${posix.basename(user)} imports it past that entry, a deep import)`,
    entry,
  };
}

/** Up to this many lines, two copies are not worth a new export of a published entry (public API to keep for good). */
const MAX_PUBLIC_PAIR_LINES = 20;

/** Why two copies stay a finding when their helper would have to become public API for one caller to reach it. */
export function publicApiBar(layer: LayerHome | undefined, copyLines: number): string | undefined {
  if (!layer?.entry || copyLines > MAX_PUBLIC_PAIR_LINES) return undefined;
  return (
    `two ${copyLines}-line copies whose helper one of them could call only as a new export of ${layer.entry}, an entry the ` +
    'package publishes: too small to grow the public API for (or to import past that entry)'
  );
}

// Where a helper of copies in two parts of a tree goes: a module both can import, and of those, the part one copy's
// file already imports from (through barrels' `export … from`) when the other's does not import back. An adapter's copy
// of core code goes into the core, beside the core's copy, not into the root both share (`src/`): that would add an
// import from the core upwards, or a third place for the layers to meet.
import { posix } from 'node:path';
import type { CodeIndex } from './context.js';

/** The part of the tree below `home` a file sits in: `src/adapters/ws.ts` below `src/` is `src/adapters`. */
const partOf = (path: string, home: string): string => home + (path.slice(home.length).split('/')[0] ?? '');

/** Whether `path` reaches anything in `part` (the folder, or a module of its name: `src/core.ts` for `src/core`). */
function reaches(path: string, part: string, index: CodeIndex): boolean {
  return [...index.reached(path)].some(
    (target) => target.startsWith(`${part}/`) || target.replace(/(\/index)?\.[cm]?[jt]sx?$/, '') === part,
  );
}

/** "in src/core/http/ (…)" when one copy's file already depends on the other's part of the tree, and not the reverse. */
export function layerHome(a: string, b: string, home: string, index: CodeIndex): string | undefined {
  if (a === b || !home.endsWith('/')) return undefined;
  const [partA, partB] = [partOf(a, home), partOf(b, home)];
  if (partA === partB) return undefined;
  const [aToB, bToA] = [reaches(a, partB, index), reaches(b, partA, index)];
  if (aToB === bToA) return undefined;
  const [user, used, usedPart, userPart] = aToB ? [a, b, partB, partA] : [b, a, partA, partB];
  return `in ${posix.dirname(used)}/ (${user} already imports from ${usedPart}/; ${posix.basename(used)} imports nothing from ${userPart}/)`;
}

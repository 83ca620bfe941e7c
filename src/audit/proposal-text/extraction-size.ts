// The change an extraction asks for, counted as a maintainer would do it (docs/audit-quality.md, tenth round): the
// helper written once from the first copy, each copy replaced by a call, and any parameter threaded through. A helper
// of a few lines shared by two or three copies goes beside them, in a module one of their files already is or both can
// import, not a new file: a 2–3-copy extraction of ≤ 15 lines in one or two files is a small change (S), not M.
import type { Change } from './context.js';

/** Copies up to this many lines make a helper that needs no module of its own. */
export const SMALL_HELPER_LINES = 15;

/** More copies than this: each call site has to be checked in its own context, so every copy counts in full. */
const FEW_COPIES = 3;

export function extractionChange(copyLines: number, copies: number, files: number, parameters: number, untested: boolean): Change {
  const few = copies <= FEW_COPIES;
  const lines = few ? copyLines * 2 + copies + parameters : copyLines * copies;
  // A new module for the helper, unless it is small enough to live beside the copies it replaces.
  const created = files > 1 && !(few && copyLines <= SMALL_HELPER_LINES) ? 1 : 0;
  return { lines, files: files + created, reach: 0, untested };
}

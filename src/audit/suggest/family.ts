// A family of parallel functions: two whole functions that are copies, beside further functions of the same shape with
// other literals or checks (one `is…Character` range check per grammar element, one `assert…Descriptor` per annotation
// module). Two of the family being equal is an accident of their values, not one behaviour written twice: merging the
// two makes the set less regular. Only a change to the whole family (one parameterised function all of them call) is.
import ts from '../compiler.cjs';
import { listFunctions } from '../functions.js';
import type { Location } from '../types.js';
import { align, shapeOf } from './align.js';
import { tokensIn } from './code.js';
import { dirOf } from '../manifests.js';
import type { CodeIndex } from '../proposal-text/context.js';

/** Of the copy's tokens, the share a sibling must match in shape (names and literals aside) to be of its family. */
const MIN_SHARED = 0.8;

/** A callback or returned function: no name of its own, so not one of a family of named functions. */
export const ANONYMOUS = / (callback|function)$/;

/** The tree's files in the copies' directories: where a family or a protocol of the copies is looked for. */
export const filesBeside = (copies: readonly Location[], index: CodeIndex): string[] =>
  [...new Set(copies.map((c) => dirOf(c.path)))].flatMap((dir) => index.filesIn(dir));

/** Token shapes of a range, or [] when the file is not in the tree. */
function shapes(index: CodeIndex, range: Location): string[] {
  const file = index.file(range.path);
  if (!file) return [];
  const tokens = tokensIn(file, range);
  const sf = tokens[0]?.getSourceFile();
  return sf ? tokens.map((t) => shapeOf(t, sf)) : [];
}

export interface Family {
  /** The other members, as `name` with their place. */
  siblings: Array<{ name: string; at: Location }>;
}

/**
 * Whole functions in the copies' directories, other than the copies and not inside them, whose tokens match the first
 * copy's in shape for at least MIN_SHARED of the longer of the two. `copies` must each be a whole function.
 */
export function familyOf(copies: readonly Location[], index: CodeIndex): Family {
  const first = copies[0];
  if (!first) return { siblings: [] };
  const wanted = shapes(index, first);
  if (wanted.length === 0) return { siblings: [] };
  const inCopy = (path: string, start: number, end: number) =>
    copies.some((c) => c.path === path && c.startLine <= end && c.endLine >= start);
  const siblings: Family['siblings'] = [];
  for (const path of filesBeside(copies, index)) {
    const file = index.file(path);
    if (!file) continue;
    for (const f of listFunctions(file)) {
      if (inCopy(path, f.startLine, f.endLine) || ANONYMOUS.test(f.name)) continue;
      const at = { path, startLine: f.startLine, endLine: f.endLine };
      const other = shapes(index, at);
      const longer = Math.max(other.length, wanted.length);
      // A quick bound first: the match can be no longer than the shorter of the two.
      if (Math.min(other.length, wanted.length) < MIN_SHARED * longer) continue;
      if (align(wanted, other).length >= MIN_SHARED * longer) siblings.push({ name: f.name, at });
    }
  }
  // Siblings that are copies of each other, names aside (`aScale` / `bScale` beside `aSum` / `bSum`): the modules copy each
  // other as a whole, and merging them is the point. A family is parallel functions, each with values of its own.
  const texts = siblings.map((s) => valuesOf(index, s.at));
  return { siblings: texts.some((t, i) => texts.indexOf(t) !== i) ? [] : siblings };
}

/** A range's tokens with names abstracted and literals kept: equal for two functions alike but for their names. */
function valuesOf(index: CodeIndex, range: Location): string {
  const file = index.file(range.path);
  if (!file) return '';
  return tokensIn(file, range)
    .map((t) => (t.kind === ts.SyntaxKind.Identifier ? '#' : t.getText()))
    .join(' ');
}

/**
 * All a family search reads of a directory: each named function's name, lines and token shapes. A words memo keys on it,
 * so that an edit to a literal elsewhere in the directory does not re-describe the refactors of its other files.
 */
export function familyInputs(index: CodeIndex, dir: string): unknown[] {
  return index.filesIn(dir).map((path) => {
    const file = index.file(path);
    const named = file ? listFunctions(file).filter((f) => !ANONYMOUS.test(f.name)) : [];
    return [
      path,
      named.map((f) => [f.name, f.startLine, f.endLine, shapes(index, { path, startLine: f.startLine, endLine: f.endLine }).join(' ')]),
    ];
  });
}

// Two copies that differ in shape somewhere (one writes `s.write(data + rest)`, the other `e.write(data); s.write(rest)`):
// the alignment still pairs some names across that stretch, but they are not one value renamed, so they are no parameter.
// The stretch is named instead, for the helper to keep as each caller's own code (a branch or a callback).
import ts from '../compiler.cjs';
import { lineAt } from '../parse.js';
import type { SourceFile } from '../types.js';

/** Where the copies differ in shape: the first and last line of the stretch in each copy. */
export interface Reshaped {
  a: [number, number];
  b: [number, number];
}

/** Indexes of aligned pairs beside a token only one copy has: the copies differ in shape there. */
export function reshapedPairs(pairs: ReadonlyArray<[number, number]>, lengths: [number, number]): Set<number> {
  const out = new Set<number>();
  const last = pairs.length - 1;
  pairs.forEach(([i, j], k) => {
    const [pi, pj] = k === 0 ? [-1, -1] : (pairs[k - 1] as [number, number]);
    const [ni, nj] = k === last ? lengths : (pairs[k + 1] as [number, number]);
    if (pi !== i - 1 || pj !== j - 1 || ni !== i + 1 || nj !== j + 1) out.add(k);
  });
  return out;
}

const lineOf = (t: ts.Node): number => lineAt(t.getSourceFile(), t.getStart());

const join = (into: Reshaped | undefined, a: [number, number], b: [number, number]): Reshaped =>
  into
    ? { a: [Math.min(into.a[0], a[0]), Math.max(into.a[1], a[1])], b: [Math.min(into.b[0], b[0]), Math.max(into.b[1], b[1])] }
    : { a, b };

/** Widens `into` (or starts it) with the lines of two paired tokens. */
export const widen = (into: Reshaped | undefined, x: ts.Node, y: ts.Node): Reshaped =>
  join(into, [lineOf(x), lineOf(x)], [lineOf(y), lineOf(y)]);

/**
 * The lines of tokens only one copy has between two aligned ones (`if (id)` against `if (id !== undefined)`): the
 * copies do something else there, however small. Tokens before the first pair or after the last are the ranges' edges.
 */
export function gapLines(pairs: ReadonlyArray<[number, number]>, ta: ts.Node[], tb: ts.Node[]): Reshaped | undefined {
  let found: Reshaped | undefined;
  for (let k = 1; k < pairs.length; k++) {
    const [pi, pj] = pairs[k - 1] as [number, number];
    const [ni, nj] = pairs[k] as [number, number];
    if (ni - pi === 1 && nj - pj === 1) continue;
    // A gap on one side only: its lines there, and the line where the other copy goes on.
    const side = (tokens: ts.Node[], from: number, to: number): [number, number] =>
      to - from > 1
        ? [lineOf(tokens[from + 1] as ts.Node), lineOf(tokens[to - 1] as ts.Node)]
        : [lineOf(tokens[to] as ts.Node), lineOf(tokens[to] as ts.Node)];
    found = join(found, side(ta, pi, ni), side(tb, pj, nj));
  }
  return found;
}

/** A one-line stretch short enough to quote: `if (lastEventId !== undefined) {`. */
const QUOTABLE = 60;

/**
 * "The copies differ at src/a.ts:460 (`if (id !== undefined) {`) / src/b.ts:179 (`if (id) {`): …", for the fix: a
 * difference a merge must keep or settle on purpose, sometimes the bug the copies hide.
 */
export function reshapedNote(reshaped: Reshaped | undefined, files: [SourceFile, SourceFile]): string | undefined {
  if (!reshaped) return undefined;
  const [fa, fb] = files;
  const place = (file: SourceFile, [s, e]: [number, number], withPath: boolean): string => {
    const where = `${withPath ? `${file.path}:` : ''}${s === e ? s : `${s}-${e}`}`;
    const text = s === e ? (file.content.split('\n')[s - 1] ?? '').trim() : '';
    return text !== '' && text.length <= QUOTABLE && !text.includes('`') ? `${where} (\`${text}\`)` : where;
  };
  return (
    `The copies differ in shape at ${place(fa, reshaped.a, true)} / ${place(fb, reshaped.b, fa.path !== fb.path)} (more than a ` +
    `rename): keep that part each caller's own (a callback it passes, or a branch on a parameter), or settle on one on purpose.`
  );
}

// Two copies that differ in shape somewhere (one writes `s.write(data + rest)`, the other `e.write(data); s.write(rest)`):
// the alignment still pairs some names across that stretch, but they are not one value renamed, so they are no parameter.
// The stretch is named instead, for the helper to keep as each caller's own code (a branch or a callback).
import ts from '../compiler.cjs';

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

/** Widens `into` (or starts it) with the lines of pair `k` and of the tokens only one copy has beside it. */
export function widen(
  into: Reshaped | undefined,
  pairs: ReadonlyArray<[number, number]>,
  k: number,
  ta: ts.Node[],
  tb: ts.Node[],
): Reshaped {
  const line = (t: ts.Node): number => t.getSourceFile().getLineAndCharacterOfPosition(t.getStart()).line + 1;
  const [i, j] = pairs[k] as [number, number];
  const [pi, pj] = k === 0 ? [i, j] : (pairs[k - 1] as [number, number]);
  const [ni, nj] = k === pairs.length - 1 ? [i, j] : (pairs[k + 1] as [number, number]);
  const lines = (tokens: ts.Node[], from: number, to: number): [number, number] => {
    const [first, last] = [tokens[Math.min(from + 1, to)], tokens[Math.max(to - 1, from)]];
    return [line(first as ts.Node), line(last as ts.Node)];
  };
  const [a, b] = [lines(ta, Math.min(pi, i), Math.max(ni, i)), lines(tb, Math.min(pj, j), Math.max(nj, j))];
  if (!into) return { a, b };
  return { a: [Math.min(into.a[0], a[0]), Math.max(into.a[1], a[1])], b: [Math.min(into.b[0], b[0]), Math.max(into.b[1], b[1])] };
}

/** "The copies differ in shape at src/a.ts:716-719 / 750-754: …", for the fix. */
export function reshapedNote(reshaped: Reshaped | undefined, paths: [string, string]): string | undefined {
  if (!reshaped) return undefined;
  const span = ([s, e]: [number, number]): string => (s === e ? `${s}` : `${s}-${e}`);
  const b = paths[0] === paths[1] ? span(reshaped.b) : `${paths[1]}:${span(reshaped.b)}`;
  return (
    `The copies differ in shape at ${paths[0]}:${span(reshaped.a)} / ${b} (more than a rename): ` +
    `that part stays each caller's own, as a callback it passes or a branch on a parameter.`
  );
}

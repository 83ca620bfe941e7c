// A complex function made of twin branches (Ajv's `addEvaluatedFrom`: the `props` branch and the `items` branch are
// the same ten lines with one word swapped) is not fixed by extracting steps: the fix is to write the branch once,
// taking the concrete difference as its parameter, and call it for each. Found as two sibling statements of one block
// with the same token shape (names and literals aside), differing in a few places.
import ts from '../compiler.cjs';
import { lineAt } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { shapeOf } from './align.js';
import { tokensIn } from './code.js';
import { tokenDifferences, type Difference } from './duplicate.js';
import { wordsOf } from './words.js';

export interface TwinBranches {
  first: Location;
  second: Location;
  /** What differs between the two, first occurrence first. */
  differences: Difference[];
  /** When every difference is one word swapped for another (`props` / `items` in `dynamicProps` / `dynamicItems`): the two words. */
  key?: [string, string];
}

/** Each twin at least this long: shorter twins are ordinary repetition, not a function made of two halves. */
const MIN_TWIN_LINES = 6;
const MIN_TWIN_TOKENS = 20;
/** More differences than this and the two are different code that happens to share a shape. */
const MAX_DIFFERENCES = 4;

export function twinBranches(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile, file: SourceFile): TwinBranches | null {
  let best: TwinBranches | null = null;
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      const found = twinsAmong(node.statements, sf, file);
      if (found && (!best || span(found.first) > span(best.first))) best = found;
    }
    // Nested functions are scored on their own.
    if (node !== fn && ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return best;
}

const span = (l: Location): number => l.endLine - l.startLine + 1;

function twinsAmong(statements: readonly ts.Statement[], sf: ts.SourceFile, file: SourceFile): TwinBranches | null {
  const ranges = statements.map((s) => ({ path: file.path, startLine: lineAt(sf, s.getStart(sf)), endLine: lineAt(sf, s.getEnd()) }));
  const shapes = ranges.map((r) => {
    const tokens = tokensIn(file, r);
    return tokens.length >= MIN_TWIN_TOKENS && span(r) >= MIN_TWIN_LINES ? tokens.map((t) => shapeOf(t, sf)).join(' ') : '';
  });
  for (let i = 0; i < statements.length; i++) {
    for (let j = i + 1; j < statements.length; j++) {
      const [first, second] = [ranges[i] as Location, ranges[j] as Location];
      // Two statements on one line share their tokens' lines: not two branches.
      if (shapes[i] === '' || shapes[i] !== shapes[j] || first.endLine >= second.startLine) continue;
      const differences = tokenDifferences(first, file, second, file);
      if (differences.length === 0 || differences.length > MAX_DIFFERENCES) continue;
      const key = oneWordSwapped(differences);
      return { first, second, differences, ...(key ? { key } : {}) };
    }
  }
  return null;
}

/** `props` / `items`, `dynamicProps` / `dynamicItems`, `"props"` / `"items"`: every difference swaps the same one word. */
export function oneWordSwapped(differences: readonly Difference[]): [string, string] | undefined {
  let pair: [string, string] | undefined;
  for (const d of differences) {
    const [a, b] = [wordsOf(d.a.replace(/['"`]/g, '')), wordsOf(d.b.replace(/['"`]/g, ''))];
    const onlyA = a.filter((w) => !b.includes(w));
    const onlyB = b.filter((w) => !a.includes(w));
    if (onlyA.length !== 1 || onlyB.length !== 1 || a.length !== b.length) return undefined;
    const swapped: [string, string] = [onlyA[0] as string, onlyB[0] as string];
    if (pair && (pair[0] !== swapped[0] || pair[1] !== swapped[1])) return undefined;
    pair = swapped;
  }
  return pair;
}

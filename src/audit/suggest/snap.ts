// Copy ranges cut back to what a helper can take. A token window starts and ends wherever the tokens stop matching,
// often mid-statement (inside an `if` condition, halfway through an object literal), and it may open with a statement
// that only looks like its twin because a name maps one way there and another way in the rest of the copy
// (`file_path` paired with `old_string` in a guard, then with `file_path` everywhere after: an inconsistent rename).
// What a helper can replace is the run of whole statements that every copy has at the same place.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { align, shapeOf } from './align.js';
import { tokensIn } from './code.js';

export interface Copy {
  file: SourceFile;
  range: Location;
}

/** A whole statement (or class member) inside a copy: its lines and its first and last token within the copy. */
interface Unit {
  parent: ts.Node;
  startLine: number;
  endLine: number;
  first: number;
  last: number;
}

/**
 * Every copy cut back to the whole statements all copies share at the same positions, then without edge statements that
 * rename inconsistently (while one is left); undefined when no such statement is left. Whole copies come back unchanged.
 */
export function snapCopies(copies: readonly Copy[]): Location[] | undefined {
  const [reference, ...others] = copies;
  if (!reference || others.length === 0) return copies.map((c) => c.range);
  const tokensA = tokensIn(reference.file, reference.range);
  const unitsA = unitsOf(reference.file, reference.range, tokensA);
  const matches = others.map((other) => matchUnits(reference, tokensA, unitsA, other));
  const kept = unitsA.map((_, u) => matches.every((m) => m.twins[u] !== undefined));
  const run = longestRun(unitsA, kept);
  if (!run) return undefined;
  let [from, to] = run;
  const renamedHere = (u: number) => matches.some((m) => m.inconsistent.has(u));
  while (to > from && renamedHere(from)) from++;
  while (to > from && renamedHere(to)) to--;
  const head = unitsA[from] as Unit;
  const tail = unitsA[to] as Unit;
  return [
    { ...reference.range, startLine: head.startLine, endLine: tail.endLine },
    ...others.map((other, k) => {
      const twins = (matches[k] as Match).twins;
      return { ...other.range, startLine: (twins[from] as Unit).startLine, endLine: (twins[to] as Unit).endLine };
    }),
  ];
}

interface Match {
  /** For each unit of the reference copy, the unit of this copy that aligns with it token for token at both ends. */
  twins: Array<Unit | undefined>;
  /** Units of the reference copy holding a name this copy pairs with one name here and with another elsewhere. */
  inconsistent: Set<number>;
}

function matchUnits(reference: Copy, tokensA: ts.Node[], unitsA: Unit[], other: Copy): Match {
  const tokensB = tokensIn(other.file, other.range);
  const unitsB = unitsOf(other.file, other.range, tokensB);
  const sfA = parse(reference.file);
  const sfB = parse(other.file);
  const pairs = align(
    tokensA.map((t) => shapeOf(t, sfA)),
    tokensB.map((t) => shapeOf(t, sfB)),
  );
  const twinOf = new Map(pairs);
  const byFirst = new Map(unitsB.map((u) => [u.first, u]));
  const twins = unitsA.map((u) => {
    const twin = byFirst.get(twinOf.get(u.first) ?? -1);
    return twin && twinOf.get(u.last) === twin.last ? twin : undefined;
  });
  const renamed = renamings(pairs, tokensA, tokensB, sfA, sfB);
  const inconsistent = new Set(
    unitsA.flatMap((u, index) => (pairs.some(([i, j]) => i >= u.first && i <= u.last && renamed(i, j)) ? [index] : [])),
  );
  return { twins, inconsistent };
}

/** Whether the aligned pair (i, j) renames a name that the copies elsewhere keep, or rename to something else. */
function renamings(pairs: Array<[number, number]>, ta: ts.Node[], tb: ts.Node[], sfA: ts.SourceFile, sfB: ts.SourceFile) {
  // Member names (`fs.lstat`) and variables (`stat`) are separate namespaces: `lstat` / `stat` beside `stat` / `stat` is no clash.
  const named = (t: ts.Node, sf: ts.SourceFile): string => `${isMemberName(t) ? '.' : ''}${t.getText(sf)}`;
  const names = (i: number, j: number): [string, string] | undefined => {
    const [x, y] = [ta[i] as ts.Node, tb[j] as ts.Node];
    return x.kind === ts.SyntaxKind.Identifier && y.kind === ts.SyntaxKind.Identifier ? [named(x, sfA), named(y, sfB)] : undefined;
  };
  const forward = new Map<string, Set<string>>();
  const backward = new Map<string, Set<string>>();
  for (const [i, j] of pairs) {
    const pair = names(i, j);
    if (!pair) continue;
    const [a, b] = pair;
    forward.set(a, (forward.get(a) ?? new Set()).add(b));
    backward.set(b, (backward.get(b) ?? new Set()).add(a));
  }
  return (i: number, j: number): boolean => {
    const pair = names(i, j);
    if (!pair || pair[0] === pair[1]) return false;
    return (forward.get(pair[0])?.size ?? 0) > 1 || (backward.get(pair[1])?.size ?? 0) > 1;
  };
}

const isMemberName = (t: ts.Node): boolean =>
  t.parent !== undefined &&
  ((ts.isPropertyAccessExpression(t.parent) && t.parent.name === t) || (ts.isPropertyAssignment(t.parent) && t.parent.name === t));

/** The longest run (by lines) of consecutive kept units under one parent, as [first, last] indexes. */
function longestRun(units: Unit[], kept: boolean[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  const lines = ([from, to]: [number, number]) => (units[to] as Unit).endLine - (units[from] as Unit).startLine;
  for (let from = 0; from < units.length; from++) {
    if (!kept[from]) continue;
    let to = from;
    while (to + 1 < units.length && kept[to + 1] && units[to + 1]?.parent === units[from]?.parent) to++;
    if (!best || lines([from, to]) > lines(best)) best = [from, to];
    from = to;
  }
  return best;
}

/** The top-most statements and class members wholly inside the range, in source order. */
function unitsOf(file: SourceFile, range: Location, tokens: ts.Node[]): Unit[] {
  const sf = parse(file);
  const index = new Map(tokens.map((t, i) => [t, i]));
  const units: Unit[] = [];
  const visit = (node: ts.Node): void => {
    const [start, end] = [lineAt(sf, node.getStart(sf)), lineAt(sf, node.getEnd())];
    if (end < range.startLine || start > range.endLine) return;
    const isUnit = (ts.isStatement(node) && !ts.isBlock(node)) || ts.isClassElement(node);
    if (isUnit && start >= range.startLine && end <= range.endLine && node.parent) {
      const inside = tokens.filter((t) => t.pos >= node.pos && t.end <= node.end);
      const [first, last] = [inside[0], inside.at(-1)];
      if (first && last)
        units.push({
          parent: node.parent,
          startLine: start,
          endLine: end,
          first: index.get(first) as number,
          last: index.get(last) as number,
        });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return units;
}

// What two copies of a block have in common and where they differ: their
// enclosing functions, the differences a shared helper would take as
// parameters (local renames aside), a name for that helper, and where it goes.
import { posix } from 'node:path';
import ts from 'typescript';
import type { Location, SourceFile } from '../types.js';
import { lineAt, parse } from '../parse.js';
import { calleeName, enclosingFunction, GENERIC_CALLS, isDeclarationName, tokensIn } from './code.js';
import { camelOf, commonWords, wordsOf } from './words.js';

export interface Difference {
  a: string;
  b: string;
  kind: 'literal' | 'property' | 'name';
}

export interface DuplicateFacts {
  /** Enclosing function names (`<top level>` outside any). */
  holders: [string, string];
  /** Differences a shared helper takes as parameters, first occurrence first; consistent local renames left out. */
  differences: Difference[];
  helperName: string;
  /** Where the helper goes: the same file, or the nearest directory both files share. */
  home: string;
}

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Tokens compared by kind for names and literals, by text for everything else, so copies align after renames. */
const shapeOf = (t: ts.Node, sf: ts.SourceFile): string =>
  t.kind === ts.SyntaxKind.Identifier || LITERAL_KINDS.has(t.kind) ? `#${t.kind}` : t.getText(sf);

export function duplicateFacts(a: Location, fileA: SourceFile, b: Location, fileB: SourceFile): DuplicateFacts {
  const holderA = holderOf(fileA, a);
  const holderB = holderOf(fileB, b);
  const differences = diffTokens(tokensIn(fileA, a), tokensIn(fileB, b));
  return { holders: [holderA, holderB], differences, helperName: helperName(holderA, holderB, fileA, a), home: homeOf(a.path, b.path) };
}

function diffTokens(ta: ts.Node[], tb: ts.Node[]): Difference[] {
  const sfA = ta[0]?.getSourceFile();
  const sfB = tb[0]?.getSourceFile();
  if (!sfA || !sfB) return [];
  const pairs = align(
    ta.map((t) => shapeOf(t, sfA)),
    tb.map((t) => shapeOf(t, sfB)),
  );
  const declaredA = new Set(ta.filter(isDeclarationName).map((t) => t.getText(sfA)));
  const declaredB = new Set(tb.filter(isDeclarationName).map((t) => t.getText(sfB)));
  const seen = new Set<string>();
  const found: Difference[] = [];
  for (const [i, j] of pairs) {
    const x = ta[i] as ts.Node;
    const y = tb[j] as ts.Node;
    const [textA, textB] = [x.getText(sfA), y.getText(sfB)];
    if (textA === textB) continue;
    if (declaredA.has(textA) && declaredB.has(textB)) continue; // a local variable renamed: no parameter needed
    const key = `${textA}\u0000${textB}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const isProperty = x.parent && ts.isPropertyAccessExpression(x.parent) && x.parent.name === x;
    found.push({ a: textA, b: textB, kind: LITERAL_KINDS.has(x.kind) ? 'literal' : isProperty ? 'property' : 'name' });
  }
  return found;
}

/** The function that holds a copy, else the class (a copied class body), else `<top level>`. */
export function holderOf(file: SourceFile, range: Location): string {
  const fn = enclosingFunction(file, range)?.name;
  if (fn !== undefined) return fn;
  const sf = parse(file);
  const holder = sf.statements.find(
    (s) => ts.isClassDeclaration(s) && lineAt(sf, s.getStart(sf)) <= range.startLine && lineAt(sf, s.getEnd()) >= range.endLine,
  );
  return holder && ts.isClassDeclaration(holder) && holder.name ? `class ${holder.name.text}` : '<top level>';
}

/** Index pairs of equal shapes: one to one when the lengths match, else a longest common subsequence. */
function align(a: string[], b: string[]): Array<[number, number]> {
  if (a.length === b.length && a.every((s, i) => s === b[i])) return a.map((_, i) => [i, i]);
  if (a.length * b.length > 400_000) return [];
  const table = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = table[i] as Uint16Array;
    const below = table[i + 1] as Uint16Array;
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** From the words the two holders' names share; else from the calls the copied code makes. */
function helperName(holderA: string, holderB: string, file: SourceFile, range: Location): string {
  const [shortA, shortB] = [holderA, holderB].map(
    (h) =>
      h
        .replace(/^class /, '')
        .split('.')
        .at(-1) ?? h,
  ) as [string, string];
  const named = !shortA.startsWith('<') && !shortB.startsWith('<');
  if (named && shortA === shortB && holderA !== holderB) return shortA;
  const shared = named ? commonWords(shortA, shortB).filter((w) => !['test', 'callback', 'it', 'describe', 'anonymous'].includes(w)) : [];
  if (shared.length > 0 && holderA !== holderB) return camelOf(shared);
  const calls = callsIn(file, range).filter((c) => !GENERIC_CALLS.has(c));
  return calls.length > 0 ? camelOf(wordsOf(calls.slice(0, 2).join(' '))) : 'sharedStep';
}

function callsIn(file: SourceFile, range: Location): string[] {
  const counts = new Map<string, number>();
  for (const token of tokensIn(file, range)) {
    const access = token.parent && ts.isPropertyAccessExpression(token.parent) && token.parent.name === token ? token.parent : token;
    const call = access.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== access) continue;
    const name = calleeName(call);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([name]) => name);
}

function homeOf(a: string, b: string): string {
  if (a === b) return a;
  const [da, db] = [posix.dirname(a).split('/'), posix.dirname(b).split('/')];
  const common: string[] = [];
  for (let i = 0; i < Math.min(da.length, db.length) && da[i] === db[i]; i++) common.push(da[i] as string);
  return common.length === 0 || (common.length === 1 && common[0] === '.') ? './' : `${common.join('/')}/`;
}

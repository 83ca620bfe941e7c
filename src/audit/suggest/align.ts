// Two copies' tokens paired up after renames: names and literals compare by kind, everything else by text.
import ts from '../compiler.cjs';

export const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Built-in types: `number` in one copy and `bigint` in the other line up as a difference, as two type names would. */
export const TYPE_KEYWORDS = new Set([
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.UnknownKeyword,
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.NeverKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.VoidKeyword,
]);

/** Tokens compared by kind for names and literals, by text for everything else, so copies align after renames. */
export const shapeOf = (t: ts.Node, sf: ts.SourceFile): string =>
  t.kind === ts.SyntaxKind.Identifier || LITERAL_KINDS.has(t.kind) ? `#${t.kind}` : TYPE_KEYWORDS.has(t.kind) ? '#type' : t.getText(sf);

/** Index pairs of equal shapes: one to one when the lengths match, else a longest common subsequence. */
export function align(a: string[], b: string[]): Array<[number, number]> {
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

// `meta?.headers` in one copy and `meta.headers` in the other: the same read, where one caller's `meta` may be undefined.
// It is no difference in shape (nothing for each caller to keep its own): the helper takes what both can pass.
import ts from '../compiler.cjs';
import { lineAt } from '../parse.js';
import { shapeOf } from './align.js';

/** Where one copy reads a member with `?.` and the other with `.`. */
export interface OptionalChain {
  /** What is read (`meta`), and its member (`headers`). */
  base: string;
  member: string;
  /** The copy that writes `?.` (0 for the first), and each copy's line there. */
  optionalIn: 0 | 1;
  lines: [number, number];
  /** The copies read nothing of `base` but this member: the helper can take `meta?.headers` itself. */
  onlyMember: boolean;
}

const isMemberDot = (t: ts.Node): boolean =>
  (t.kind === ts.SyntaxKind.QuestionDotToken || t.kind === ts.SyntaxKind.DotToken) && ts.isPropertyAccessExpression(t.parent);

/** A token's shape for aligning two copies: `?.` of a member read aligns with `.`. */
export const chainShape = (t: ts.Node, sf: ts.SourceFile): string =>
  t.kind === ts.SyntaxKind.QuestionDotToken && isMemberDot(t) ? '.' : shapeOf(t, sf);

/** The `?.` / `.` pair of two aligned tokens (undefined for any other pair); `tokens`: each copy's tokens. */
export function optionalChainOf(x: ts.Node, y: ts.Node, tokens: [ts.Node[], ts.Node[]]): OptionalChain | undefined {
  if (!isMemberDot(x) || !isMemberDot(y) || x.kind === y.kind) return undefined;
  const optionalIn = x.kind === ts.SyntaxKind.QuestionDotToken ? 0 : 1;
  const access = (optionalIn === 0 ? x : y).parent as ts.PropertyAccessExpression;
  const base = access.expression.getText();
  const member = access.name.text;
  const readsOnlyMember = (t: ts.Node): boolean =>
    !ts.isIdentifier(t) ||
    t.text !== base ||
    (ts.isPropertyAccessExpression(t.parent) && t.parent.name === t) ||
    (ts.isPropertyAccessExpression(t.parent) && t.parent.expression === t && t.parent.name.text === member);
  const line = (t: ts.Node): number => lineAt(t.getSourceFile(), t.getStart());
  return {
    base,
    member,
    optionalIn,
    lines: [line(x), line(y)],
    onlyMember: ts.isIdentifier(access.expression) && tokens.every((copy) => copy.every(readsOnlyMember)),
  };
}

// What a copied block gives back, when it is a member of an item it narrows by a discriminant (zod's `max*` getters:
// `max = ch.value` where `ch.kind === "max"`, `ch` from `for (const ch of this._def.checks)`). A helper that keeps each
// caller's return type is then generic over the items, returning the `value` type of the item the test selects; a
// `kind` test does not narrow a type parameter, so the read needs a cast to that item type.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';

export interface Narrowed {
  /** `ch`, the loop's item. */
  item: string;
  /** What the loop runs over (`this._def.checks`). */
  over: string;
  /** `kind`, `"max"`: the discriminant and the value it is tested against, as written. */
  key: string;
  literal: string;
  /** `value`: the member read into the output. */
  member: string;
  /** `max`, and its declared type (`number | null`) when the block annotates it. */
  output: string;
  outputType?: string;
}

const tested = (condition: ts.Expression, item: string): { key: string; literal: string } | undefined => {
  if (!ts.isBinaryExpression(condition) || condition.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  const [access, literal] = ts.isStringLiteral(condition.right) ? [condition.left, condition.right] : [condition.right, condition.left];
  if (!ts.isStringLiteral(literal) || !ts.isPropertyAccessExpression(access)) return undefined;
  if (!ts.isIdentifier(access.expression) || access.expression.text !== item) return undefined;
  return { key: access.name.text, literal: literal.getText() };
};

export function narrowedMember(file: SourceFile, range: Location): Narrowed | undefined {
  const sf = parse(file);
  const within = (n: ts.Node): boolean => lineAt(sf, n.getStart(sf)) >= range.startLine && lineAt(sf, n.getEnd()) <= range.endLine;
  const types = new Map<string, string>();
  let found: Narrowed | undefined;
  const visit = (n: ts.Node, loop?: { item: string; over: string }, test?: { key: string; literal: string }): void => {
    if (found || lineAt(sf, n.getEnd()) < range.startLine || lineAt(sf, n.getStart(sf)) > range.endLine) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.type && within(n)) types.set(n.name.text, n.type.getText(sf));
    if (ts.isForOfStatement(n) && within(n) && ts.isVariableDeclarationList(n.initializer)) {
      const name = n.initializer.declarations[0]?.name;
      if (name && ts.isIdentifier(name)) return visit(n.statement, { item: name.text, over: n.expression.getText(sf) });
    }
    if (ts.isIfStatement(n) && loop) {
      const t = tested(n.expression, loop.item);
      if (t) return visit(n.thenStatement, loop, t);
    }
    if (loop && test && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      const right = n.right;
      if (ts.isPropertyAccessExpression(right) && ts.isIdentifier(right.expression) && right.expression.text === loop.item) {
        const outputType = types.get(n.left.text);
        found = { ...loop, ...test, member: right.name.text, output: n.left.text, ...(outputType ? { outputType } : {}) };
        return;
      }
    }
    ts.forEachChild(n, (child) => visit(child, loop, test));
  };
  visit(sf);
  return found;
}

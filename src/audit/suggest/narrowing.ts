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

type Loop = { item: string; over: string };

/** `for (const ch of this._def.checks)`: the item and what it runs over. */
function loopOf(n: ts.Node, sf: ts.SourceFile): Loop | undefined {
  if (!ts.isForOfStatement(n) || !ts.isVariableDeclarationList(n.initializer)) return undefined;
  const name = n.initializer.declarations[0]?.name;
  return name && ts.isIdentifier(name) ? { item: name.text, over: n.expression.getText(sf) } : undefined;
}

/** `max = ch.value`: the output and the item's member read into it. */
function assignedMember(n: ts.Node, item: string): { output: string; member: string } | undefined {
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(n.left)) return undefined;
  const right = n.right;
  if (!ts.isPropertyAccessExpression(right) || !ts.isIdentifier(right.expression) || right.expression.text !== item) return undefined;
  return { output: n.left.text, member: right.name.text };
}

function narrowedAt(n: ts.Node, loop: Loop, test: { key: string; literal: string }, types: Map<string, string>): Narrowed | undefined {
  const assigned = assignedMember(n, loop.item);
  const outputType = assigned && types.get(assigned.output);
  return assigned ? { ...loop, ...test, ...assigned, ...(outputType ? { outputType } : {}) } : undefined;
}

export function narrowedMember(file: SourceFile, range: Location): Narrowed | undefined {
  const sf = parse(file);
  const outside = (n: ts.Node): boolean => lineAt(sf, n.getEnd()) < range.startLine || lineAt(sf, n.getStart(sf)) > range.endLine;
  const types = new Map<string, string>();
  let found: Narrowed | undefined;
  const visit = (n: ts.Node, loop?: Loop, test?: { key: string; literal: string }): void => {
    if (found || outside(n)) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.type) types.set(n.name.text, n.type.getText(sf));
    const inner = loopOf(n, sf);
    if (inner) return visit((n as ts.ForOfStatement).statement, inner);
    const narrowed = loop && ts.isIfStatement(n) ? tested(n.expression, loop.item) : undefined;
    if (narrowed) return visit((n as ts.IfStatement).thenStatement, loop, narrowed);
    found = loop && test ? narrowedAt(n, loop, test, types) : undefined;
    if (!found) ts.forEachChild(n, (child) => visit(child, loop, test));
  };
  visit(sf);
  return found;
}

// Copies that only swap the operands of a commutative operator are the same code: `if (__DEV__ && notifySpy)` in two
// copies and `if (notifySpy && __DEV__)` in a third differ in nothing a helper would take as a parameter. Before two
// copies' tokens are compared, the operands of such an operator are put in one order (by their text).
import ts from '../compiler.cjs';
import { EQUALITY } from './code.js';

/** `&&` and `||` give the value of an operand, so only their truth is commutative: in a condition, not as a value. */
const LOGICAL = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken]);

/** An operand that reading has no effect of its own: a name, a literal, `this`, or a property read of those. */
function isPlain(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isPlain(node.expression);
  if (ts.isIdentifier(node) || ts.isLiteralExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  const keyword = [ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword];
  if (keyword.includes(node.kind)) return true;
  if (ts.isPropertyAccessExpression(node)) return isPlain(node.expression);
  if (ts.isElementAccessExpression(node)) return isPlain(node.expression) && ts.isLiteralExpression(node.argumentExpression);
  return false;
}

/** Whether only the truth of an expression is used: an `if`/loop/ternary condition, `!x`, or a part of such a condition. */
function isCondition(node: ts.Node): boolean {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent) || (ts.isBinaryExpression(at.parent) && LOGICAL.has(at.parent.operatorToken.kind)))
    at = at.parent;
  const parent = at.parent;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === at;
  if (ts.isForStatement(parent)) return parent.condition === at;
  if (ts.isConditionalExpression(parent)) return parent.condition === at;
  return ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken;
}

/** Equality compares, and `&&` / `||` in a condition: operands that reading has no effect of can be swapped. */
function swappable(node: ts.Node): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node) || !isPlain(node.left) || !isPlain(node.right)) return false;
  const op = node.operatorToken.kind;
  return EQUALITY.has(op) || (LOGICAL.has(op) && isCondition(node));
}

/** The tokens, with the operands of each commutative operator over plain operands in the order of their text. */
export function canonicalOrder(tokens: readonly ts.Node[]): ts.Node[] {
  const sf = tokens[0]?.getSourceFile();
  if (!sf) return [...tokens];
  const index = new Map(tokens.map((t, i) => [t, i] as const));
  const order = tokens.map((_, i) => i);
  // Plain operands hold no other operator, so the spans swapped never overlap.
  for (const [i, token] of tokens.entries()) {
    const binary = token.parent;
    if (!binary || !ts.isBinaryExpression(binary) || binary.operatorToken !== token || !swappable(binary)) continue;
    if (binary.left.getText(sf) <= binary.right.getText(sf)) continue;
    const [first, last] = [index.get(firstToken(binary.left, sf)), lastToken(binary.right, tokens, i)];
    if (first === undefined || last === undefined) continue;
    // first..i-1 is the left operand and i+1..last the right: the right's tokens, the operator, then the left's.
    order.splice(first, last - first + 1, ...order.slice(i + 1, last + 1), i, ...order.slice(first, i));
  }
  return order.map((i) => tokens[i] as ts.Node);
}

/** The first leaf token of a node. */
function firstToken(node: ts.Node, sf: ts.SourceFile): ts.Node {
  const [child] = node.getChildren(sf);
  return child ? firstToken(child, sf) : node;
}

/** The index of the last of the tokens after `from` that lie inside `node`. */
function lastToken(node: ts.Node, tokens: readonly ts.Node[], from: number): number | undefined {
  let last: number | undefined;
  for (let j = from + 1; j < tokens.length && (tokens[j] as ts.Node).getEnd() <= node.getEnd(); j++) last = j;
  return last;
}

// Where a token sits in a copy: a member name, a callee, a declaration's own label.
import ts from '../compiler.cjs';

export const isMemberName = (token: ts.Node): boolean => ts.isPropertyAccessExpression(token.parent) && token.parent.name === token;

/** `f` in `f(…)`, or `g` in `o.g(…)`. */
export function isCalled(token: ts.Node): boolean {
  const callee = ts.isPropertyAccessExpression(token.parent) && token.parent.name === token ? token.parent : token;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee;
}

/** How far into a copy its own label can sit: `async get name`, `'key':`. */
export const LABEL_TOKENS = 3;

/** The name a declaration or an object entry is introduced under. */
export function isLabel(node: ts.Node): boolean {
  const parent = node.parent as (ts.Node & { name?: ts.Node }) | undefined;
  if (!parent || parent.name !== node) return false;
  return (
    ts.isPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isGetAccessor(parent) ||
    ts.isSetAccessor(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isVariableDeclaration(parent) ||
    ts.isClassDeclaration(parent)
  );
}

// Every function with a body in a file (declarations, methods, accessors,
// constructors, function expressions, arrows), named the way a reader would
// name it: `Class.method`, `outer.inner`, `test("name") callback`.
import ts from './compiler.cjs';
import { lineAt, parse } from './parse.js';
import type { SourceFile } from './types.js';

export interface FunctionInfo {
  /** Qualified name, stable across line shifts; used in messages and fingerprints. */
  name: string;
  startLine: number;
  endLine: number;
  node: ts.FunctionLikeDeclaration;
}

export const isFunctionWithBody = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  (ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)) &&
  node.body !== undefined;

const cache = new WeakMap<SourceFile, FunctionInfo[]>();

export function listFunctions(file: SourceFile): FunctionInfo[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const sf = parse(file);
  const found: FunctionInfo[] = [];
  const visit = (node: ts.Node, scope: string[]): void => {
    if (isFunctionWithBody(node)) {
      const own = ownName(node, sf, scope.length > 0);
      found.push({ name: [...scope, own].join('.'), startLine: lineAt(sf, node.getStart(sf)), endLine: lineAt(sf, node.getEnd()), node });
      ts.forEachChild(node, (child) => visit(child, [...scope, own]));
      return;
    }
    const className = ts.isClassLike(node) ? (node.name?.text ?? '<class>') : null;
    ts.forEachChild(node, (child) => visit(child, className ? [...scope, className] : scope));
  };
  visit(sf, []);
  cache.set(file, found);
  return found;
}

function ownName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile, nested: boolean): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const declared = node.name ? propertyName(node.name, sf) : null;
  if (ts.isGetAccessorDeclaration(node)) return `get ${declared ?? '?'}`;
  if (ts.isSetAccessorDeclaration(node)) return `set ${declared ?? '?'}`;
  return declared ?? contextName(node, sf, nested);
}

function propertyName(name: ts.Node, sf: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(sf);
}

/**
 * Anonymous functions are named after what holds them: a variable, a property, an assignment or a call, looking
 * through `a ?? (() => …)` and `c ? f : (() => …)`; a function another returns is its `returned function`. Never
 * `<anonymous>`, which a reader cannot find: the last resort is the enclosing function's `inner function`.
 */
function contextName(node: ts.Node, sf: ts.SourceFile, nested: boolean): string {
  let held: ts.Node = node;
  let holder = holderOf(held);
  while (holder && (ts.isConditionalExpression(holder) || (ts.isBinaryExpression(holder) && LOGICAL.has(holder.operatorToken.kind)))) {
    held = holder;
    holder = holderOf(held);
  }
  if (!holder) return nested ? 'inner function' : 'anonymous function';
  if (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder))
    return propertyName(holder.name, sf);
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) return holder.left.getText(sf);
  if (ts.isCallExpression(holder) || ts.isNewExpression(holder)) return callbackName(holder, sf);
  // An arrow holds a function only as its body: a default value's holder is the parameter.
  if (ts.isReturnStatement(holder) || ts.isArrowFunction(holder)) return 'returned function';
  if (ts.isExportAssignment(holder)) return 'default';
  return nested ? 'inner function' : 'anonymous function';
}

const LOGICAL = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

const WRAPPERS = new Set([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
]);

/** The node that holds an expression, looking through parentheses and type assertions. */
function holderOf(node: ts.Node): ts.Node | undefined {
  let holder = node.parent;
  while (holder && WRAPPERS.has(holder.kind)) holder = holder.parent;
  return holder;
}

/** `test("name") callback`: the callee, and the first string argument when there is one. */
function callbackName(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string {
  const callee = shortCallee(call.expression, sf);
  const label = call.arguments?.find(ts.isStringLiteralLike);
  return label ? `${callee}(${JSON.stringify(label.text.slice(0, 60))}) callback` : `${callee} callback`;
}

const MAX_CALLEE = 40;

/** The callee as written; a long call chain (`program.command('x').option(…).action`) keeps its start and its last step. */
function shortCallee(callee: ts.Expression, sf: ts.SourceFile): string {
  const text = callee.getText(sf).replace(/\s+/g, '');
  if (text.length <= MAX_CALLEE || !ts.isPropertyAccessExpression(callee)) return text;
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  return `${root.getText(sf)}….${callee.name.getText(sf)}`;
}

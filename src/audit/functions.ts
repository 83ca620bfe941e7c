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
  /** The name's parts, outermost first (`['getHandler', 'returned function', 'client.on("message") callback']`). */
  path: string[];
  /**
   * The class whose `this` the function sees: a member of that class, or an arrow function inside one. Undefined for
   * plain functions, callbacks and components, where a shared helper is a function, not a method.
   */
  owner?: string;
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
  const visit = (node: ts.Node, scope: string[], owner: string | undefined): void => {
    if (isFunctionWithBody(node)) {
      const own = ownName(node, sf, scope.length > 0);
      const path = [...scope, own];
      const sees = memberOf(node, sf) ?? (ts.isArrowFunction(node) ? owner : undefined);
      const [startLine, endLine] = [lineAt(sf, node.getStart(sf)), lineAt(sf, node.getEnd())];
      found.push({ name: path.join('.'), startLine, endLine, node, path, ...(sees ? { owner: sees } : {}) });
      ts.forEachChild(node, (child) => visit(child, path, sees));
      return;
    }
    const className = ts.isClassLike(node)
      ? (node.name?.text ?? '<class>')
      : ts.isObjectLiteralExpression(node)
        ? objectName(node, sf)
        : null;
    ts.forEachChild(node, (child) => visit(child, className ? [...scope, className] : scope, owner));
  };
  visit(sf, [], undefined);
  cache.set(file, found);
  return found;
}

/**
 * The name an object literal's functions are reached by: the variable or property that holds it
 * (`const jsonHandler = { parse() {} }` → `jsonHandler.parse`), so two objects' `parse` methods are two names.
 */
function objectName(node: ts.ObjectLiteralExpression, sf: ts.SourceFile): string | null {
  const holder = holderOf(node);
  if (!holder || !(ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder))) return null;
  return holder.initializer === node && !ts.isObjectBindingPattern(holder.name) && !ts.isArrayBindingPattern(holder.name)
    ? propertyName(holder.name, sf)
    : null;
}

/** The class a method, accessor, constructor or function-valued field belongs to. */
function memberOf(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string | undefined {
  const field = ts.isPropertyDeclaration(node.parent) && node.parent.initializer === node ? node.parent : undefined;
  const member = field ?? node;
  const cls = member.parent;
  return cls && ts.isClassLike(cls) && (field || !ts.isFunctionExpression(node)) ? (cls.name?.getText(sf) ?? '<class>') : undefined;
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
  if (ts.isCallExpression(holder) || ts.isNewExpression(holder)) return wrappedName(held, holder, sf) ?? callbackName(holder, sf);
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

/** Calls that return a handle (a timer id), not the function they are given. */
const HANDLE_CALLS = /^(setTimeout|setInterval|setImmediate|queueMicrotask|requestAnimationFrame|requestIdleCallback)$/;

/**
 * A function handed to a wrapper whose result a variable holds (`const focusNext = useCallback(() => …, [deps])`,
 * `const Box = memo(forwardRef(…))`, `handle = debounce(…)`) is what the variable names: a reader finds it by that name.
 * Only plain calls (`useCallback`, `React.memo`): a method's callback (`const off = store.subscribe(listener)`) is the
 * object's listener, not what the variable holds, and a timer's call returns a handle.
 */
function wrappedName(held: ts.Node, call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string | undefined {
  let inner: ts.Node = held;
  let outer: ts.Node | undefined = call;
  while (outer && (ts.isCallExpression(outer) || ts.isNewExpression(outer))) {
    if (!outer.arguments?.some((arg) => arg === inner) || !isWrapper(outer.expression)) return undefined;
    inner = outer;
    outer = holderOf(outer);
    if (outer && ts.isAwaitExpression(outer)) {
      inner = outer;
      outer = holderOf(outer);
    }
  }
  if (!outer) return undefined;
  if (ts.isVariableDeclaration(outer) || ts.isPropertyDeclaration(outer) || ts.isPropertyAssignment(outer)) {
    const bound = ts.isObjectBindingPattern(outer.name) || ts.isArrayBindingPattern(outer.name);
    return outer.initializer === inner && !bound ? propertyName(outer.name, sf) : undefined;
  }
  if (ts.isBinaryExpression(outer) && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken && outer.right === inner)
    return outer.left.getText(sf);
  return undefined;
}

/** `useCallback`, `memo`, `React.memo`: a function of its own, not a method of some object. */
function isWrapper(callee: ts.Expression): boolean {
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && /^[A-Z]/.test(callee.expression.text)
      ? callee.name.text
      : undefined;
  return name !== undefined && !HANDLE_CALLS.test(name);
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

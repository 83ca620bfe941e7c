// What kind of code a copied range is, as a helper would have to take it: statements, entries of an object or one
// value; whether it cuts across blocks, is mostly types, or jumps out of its function from its middle.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';

/**
 * `statements` when a statement starts in the range; else `entries` when two or more properties of one object literal do
 * (rows of a table, not logic); else `expression` (one value).
 */
export type CopyShape = 'statements' | 'entries' | 'expression';

export function copyShape(file: SourceFile, range: Location): CopyShape {
  const sf = parse(file);
  const starts = (node: ts.Node): boolean => {
    const line = lineAt(sf, node.getStart(sf));
    return line >= range.startLine && line <= range.endLine;
  };
  let statements = 0;
  let mostSiblings = 0;
  const visit = (node: ts.Node): void => {
    if (lineAt(sf, node.getEnd()) < range.startLine || lineAt(sf, node.getStart(sf)) > range.endLine) return;
    if (ts.isStatement(node) && !ts.isBlock(node) && starts(node)) statements++;
    if (ts.isObjectLiteralExpression(node))
      mostSiblings = Math.max(mostSiblings, node.properties.filter((p) => ts.isPropertyAssignment(p) && starts(p)).length);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return statements > 0 ? 'statements' : mostSiblings >= 2 ? 'entries' : 'expression';
}

/** A block (braces of statements, not of an object literal) that closes inside the range with code after it, or opens inside it and closes after. */
export function isFragment(file: SourceFile, range: Location): boolean {
  const sf = parse(file);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const [start, end] = [lineAt(sf, node.getStart(sf)), lineAt(sf, node.getEnd())];
    if (end < range.startLine || start > range.endLine) return;
    const isBlock = ts.isBlock(node) || ts.isCaseBlock(node) || ts.isModuleBlock(node);
    // Closing a block on the copy's last line, or opening one on its first, still leaves one piece of logic.
    const closesMidway = start < range.startLine && end >= range.startLine && end < range.endLine;
    const opensMidway = start > range.startLine && start <= range.endLine && end > range.endLine;
    if (isBlock && (closesMidway || opensMidway)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Signatures are not copied code: half or more of the tokens sit in type positions, type-parameter lists or body-less
 * declarations (overload signatures); or, those tokens and a function's header (name, parameters) left out, what remains
 * is at most MAX_BODY_LINES lines of code (two generic methods whose bodies are two lines each). Comments are no tokens.
 */
export function isTypeLevel(tokens: readonly ts.Node[]): boolean {
  const typed = tokens.filter(isTypeToken);
  if (tokens.length === 0) return false;
  if (typed.length * 2 >= tokens.length) return true;
  const sf = tokens[0]?.getSourceFile();
  if (!sf) return false;
  const line = (t: ts.Node) => lineAt(sf, t.getStart(sf));
  const signature = (t: ts.Node) => isTypeToken(t) || isHeader(t);
  const code = new Set(tokens.filter((t) => !signature(t) && !isPunctuation(t)).map(line));
  const signatureOnly = new Set(
    tokens
      .filter(signature)
      .map(line)
      .filter((l) => !code.has(l)),
  );
  return signatureOnly.size > 0 && code.size <= MAX_BODY_LINES;
}

/** Copies whose code, signatures aside, is this many lines or fewer are too small to share (see isTypeLevel). */
const MAX_BODY_LINES = 3;

const isPunctuation = (t: ts.Node): boolean => t.kind >= ts.SyntaxKind.FirstPunctuation && t.kind <= ts.SyntaxKind.LastPunctuation;

/** A token of a type, a type-parameter list or a body-less declaration (an overload signature). */
function isTypeToken(token: ts.Node): boolean {
  for (let at = token.parent; at; at = at.parent) {
    if (ts.isTypeNode(at) || ts.isTypeParameterDeclaration(at) || ts.isInterfaceDeclaration(at) || ts.isTypeAliasDeclaration(at))
      return true;
    if ((ts.isMethodDeclaration(at) || ts.isFunctionDeclaration(at)) && at.body === undefined) return true;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

/** A token of a function's header (its name, modifiers, parameters), not of its body. */
function isHeader(token: ts.Node): boolean {
  let from: ts.Node = token;
  for (let at = token.parent; at; from = at, at = at.parent) {
    if (ts.isFunctionLike(at) && 'body' in at && at.body !== undefined) return from !== at.body;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

const JUMPS = new Set([
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.BreakStatement,
  ts.SyntaxKind.ContinueStatement,
  ts.SyntaxKind.YieldExpression,
]);

/** A jump in the range, not inside a function the range itself contains, that is not on the range's last lines. */
export function jumpsOut(file: SourceFile, range: Location): boolean {
  const sf = parse(file);
  const inside = (node: ts.Node): boolean => lineAt(sf, node.getStart(sf)) >= range.startLine && lineAt(sf, node.getEnd()) <= range.endLine;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || lineAt(sf, node.getEnd()) < range.startLine || lineAt(sf, node.getStart(sf)) > range.endLine) return;
    if (ts.isFunctionLike(node) && inside(node)) return;
    if (JUMPS.has(node.kind) && inside(node) && !endsRange(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  // The block's own last statement may return (not a conditional return inside it): the caller writes `return helper(...)`.
  // So may any return when the copy runs to the end of its function: the helper's returns are then the function's own.
  const endsRange = (node: ts.Node): boolean =>
    node.kind === ts.SyntaxKind.ReturnStatement &&
    node.parent !== undefined &&
    ((lineAt(sf, node.parent.getStart(sf)) < range.startLine && !hasCodeAfter(node)) || runsToFunctionEnd(node));
  const runsToFunctionEnd = (node: ts.Node): boolean => {
    let fn = node.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    const body = fn && 'body' in fn ? (fn.body as ts.Node | undefined) : undefined;
    if (!body || !ts.isBlock(body)) return false;
    const last = body.statements.at(-1);
    const first = body.statements.find((s) => lineAt(sf, s.getStart(sf)) >= range.startLine);
    return last !== undefined && first !== undefined && lineAt(sf, last.getEnd()) <= range.endLine;
  };
  const hasCodeAfter = (node: ts.Node): boolean => {
    const parent = node.parent;
    if (!parent || !('statements' in parent)) return false;
    const statements = (parent as ts.Block).statements;
    const index = statements.indexOf(node as ts.Statement);
    return statements.slice(index + 1).some((s) => lineAt(sf, s.getStart(sf)) <= range.endLine);
  };
  visit(sf);
  return found;
}

/**
 * The copy computes something and ends by refusing it: two or more statements, the last an `if` that throws a new error
 * (a guard such as an access or bounds check), or followed only by declarations of what the guard hands on (`stat`, the
 * `isFile` check, then `const limit = …`: a `statRegularFile` returning `{ st, limit }`). Code that goes on to act
 * (writes, logs, returns) after its checks is a function body, not a guard. Rethrowing a caught error (`throw e`) only
 * filters what a catch swallows.
 */
export function endsInGuard(file: SourceFile, range: Location): boolean {
  const statements = statementsIn(file, range);
  let end = statements.length;
  while (end > 1 && ts.isVariableStatement(statements[end - 1] as ts.Statement)) end--;
  const last = statements[end - 1];
  return end >= 2 && last !== undefined && ts.isIfStatement(last) && throwsNew(last.thenStatement);
}

/** The outermost statements wholly inside the range (not blocks: their statements), in reading order. */
export function statementsIn(file: SourceFile, range: Location): ts.Statement[] {
  const sf = parse(file);
  const inside = (node: ts.Node): boolean => lineAt(sf, node.getStart(sf)) >= range.startLine && lineAt(sf, node.getEnd()) <= range.endLine;
  const statements: ts.Statement[] = [];
  const collect = (node: ts.Node): void => {
    if (lineAt(sf, node.getEnd()) < range.startLine || lineAt(sf, node.getStart(sf)) > range.endLine) return;
    if (ts.isStatement(node) && !ts.isBlock(node) && inside(node)) statements.push(node);
    else ts.forEachChild(node, collect);
  };
  collect(sf);
  return statements;
}

export function throwsNew(node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (ts.isThrowStatement(node)) return !ts.isIdentifier(node.expression);
  return ts.forEachChild(node, (child) => throwsNew(child) || undefined) === true;
}

/**
 * The copy is one call that only passes its function's values on (`await handle({ ...opts, req, res, path })`): the
 * callee is already the shared code, and a helper around it would be a second name for one call.
 */
export function isPassThroughCall(file: SourceFile, range: Location): boolean {
  const inRange = statementsIn(file, range);
  if (inRange.length !== 1) return false;
  const statement = inRange[0] as ts.Statement;
  if (!ts.isExpressionStatement(statement)) return false;
  let call: ts.Expression = statement.expression;
  if (ts.isAwaitExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call)) return false;
  const passed = (node: ts.Expression): boolean =>
    ts.isIdentifier(node) ||
    (ts.isPropertyAccessExpression(node) && passed(node.expression)) ||
    (ts.isObjectLiteralExpression(node) &&
      node.properties.every(
        (p) =>
          ts.isShorthandPropertyAssignment(p) ||
          (ts.isSpreadAssignment(p) && passed(p.expression)) ||
          (ts.isPropertyAssignment(p) && passed(p.initializer)),
      ));
  return call.arguments.every((arg) => (ts.isSpreadElement(arg) ? passed(arg.expression) : passed(arg)));
}

// A copy that calls a function declared inside one of its enclosing functions (tRPC's `respondOrReport`, a closure over
// the connection): a helper at module level could not call it, so it goes beside that declaration, in that function.
import ts from '../compiler.cjs';
import { listFunctions } from '../functions.js';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { localScope, type LocalScope } from './local-scope.js';

/** The closure a copy calls and the function that declares it (its qualified name). */
export interface ClosureCall {
  name: string;
  holder: string;
}

/** The first function the copy calls that one of its enclosing functions declares, if any. */
export function closureCall(file: SourceFile, range: Location): ClosureCall | undefined {
  const sf = parse(file);
  let found: ClosureCall | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const [start, end] = [lineAt(sf, node.getStart(sf)), lineAt(sf, node.getEnd())];
    if (end < range.startLine || start > range.endLine) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && start >= range.startLine) {
      const declarer = enclosingDeclarer(node, node.expression.text, range);
      if (declarer) found = { name: node.expression.text, holder: holderAt(file, declarer) };
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The innermost function around `from`, outside the copy, whose own body or parameters declare `name`. */
function enclosingDeclarer(from: ts.Node, name: string, range: Location): ts.FunctionLikeDeclaration | undefined {
  const sf = from.getSourceFile();
  for (let node = from.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const fn = node as ts.FunctionLikeDeclaration;
    const inside = lineAt(sf, fn.getStart(sf)) >= range.startLine && lineAt(sf, fn.getEnd()) <= range.endLine;
    if (inside) continue; // a callback within the copy moves with it
    if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return undefined; // a parameter: passed in
    const body = fn.body && ts.isBlock(fn.body) ? fn.body.statements : [];
    if (body.some((s) => declares(s, name))) return fn;
  }
  return undefined;
}

// Only a function or a plainly named const: a destructured value (`const [x, setX] = useState()`) is state the helper
// reads (local-scope.ts), not a closure to sit beside.
const declares = (statement: ts.Statement, name: string): boolean =>
  (ts.isFunctionDeclaration(statement) && statement.name?.text === name) ||
  (ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));

/** The qualified name the audit gives a function node. */
function holderAt(file: SourceFile, fn: ts.FunctionLikeDeclaration): string {
  return listFunctions(file).find((f) => f.node === fn)?.name ?? '<anonymous>';
}

/**
 * Where a helper for two copies in one file goes when they sit in one function: beside the closure both call, else in
 * the innermost function around both, reading from its scope what both copies read there.
 */
export function placementOf(
  fileA: SourceFile,
  a: Location,
  fileB: SourceFile,
  b: Location,
  inputs: readonly string[],
): { closure?: ClosureCall; localScope?: LocalScope } {
  if (fileA !== fileB) return {};
  // The same closure in both copies: one the copies each call by another name is a difference, passed in.
  const [found, other] = [closureCall(fileA, a), closureCall(fileB, b)];
  const around = found && listFunctions(fileA).find((f) => f.name === found.holder);
  const closure =
    around && other?.name === found?.name && around.startLine <= b.startLine && around.endLine >= b.endLine ? found : undefined;
  const scope = localScope(fileA, [a, b], inputs, closure?.holder);
  return { ...(closure ? { closure } : {}), ...(scope ? { localScope: scope } : {}) };
}

// Whether a module reads an imported name while it loads (top-level code, a static initializer, a decorator) or only
// later, inside functions: in an import cycle only a read at load time can see the other module half-initialized.
import ts from '../compiler.cjs';
import type { SourceFile } from '../types.js';
import { isInTypePosition, usesOf } from './code.js';

/** True when some use of one of `names` in the file runs as the module loads. */
export function readsAtLoad(file: SourceFile, names: readonly string[]): boolean {
  return names.some((name) => usesOf(file, name).some(runsAtLoad));
}

function runsAtLoad(use: ts.Identifier): boolean {
  if (!extendsClause(use) && isInTypePosition(use)) return false;
  for (let at: ts.Node = use; at.parent; at = at.parent) {
    if (ts.isExportSpecifier(at)) return false; // passed on as a live binding, not read
    if (ts.isDecorator(at)) return true; // applied as the class is defined
    if (ts.isFunctionLike(at) && !ts.isCallSignatureDeclaration(at) && !calledAtOnce(at)) return false; // runs when called
    if (ts.isPropertyDeclaration(at) && !at.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return false; // per instance
  }
  return true;
}

/** `class A extends Base`: the base class is read as the class is defined (the classic cycle crash). */
function extendsClause(use: ts.Node): boolean {
  const clause = ts.findAncestor(use, ts.isHeritageClause);
  return clause?.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent);
}

/** A function called where it is written (`(() => …)()`): its body runs then. */
function calledAtOnce(fn: ts.Node): boolean {
  let callee: ts.Node = fn;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee;
}

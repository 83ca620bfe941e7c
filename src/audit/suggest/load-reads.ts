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
  if (isInTypePosition(use)) return false;
  for (let at: ts.Node = use; at.parent; at = at.parent) {
    if (ts.isExportSpecifier(at)) return false; // passed on as a live binding, not read
    if (ts.isFunctionLike(at) && !ts.isCallSignatureDeclaration(at)) return false; // runs when called
    if (ts.isPropertyDeclaration(at) && !at.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return false; // per instance
  }
  return true;
}

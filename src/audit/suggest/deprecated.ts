// Code its authors mean to remove: a function, method, class or variable whose JSDoc says `@deprecated`. Copies in it
// are not kept in step for long: the fix is deleting them in the next major version, not sharing them now.
import ts from '../compiler.cjs';
import { isCodeFile, lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';

const DECLARATIONS = (node: ts.Node): boolean =>
  ts.isFunctionLike(node) ||
  ts.isClassLike(node) ||
  ts.isVariableStatement(node) ||
  ts.isVariableDeclaration(node) ||
  ts.isPropertyAssignment(node) ||
  ts.isPropertyDeclaration(node);

/** The name of the `@deprecated` declaration that holds the range (or that the range starts inside of), if any. */
export function deprecatedAround(file: SourceFile, range: Location): string | undefined {
  if (!isCodeFile(file.path)) return undefined;
  const sf = parse(file);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    const [start, end] = [lineAt(sf, node.getStart(sf)), lineAt(sf, node.getEnd())];
    // Holds the copy's first code line: the copy is (partly) in it. JSDoc lines before the declaration are not its code.
    if (end < range.startLine || start > range.endLine || (start > range.startLine && end < range.endLine)) return;
    if (DECLARATIONS(node) && start <= range.endLine && end >= range.startLine && ts.getJSDocDeprecatedTag(node) !== undefined) {
      found = nameOf(node, sf);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(sf);
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((d) => d.name.getText(sf)).join(', ');
  return '(anonymous)';
}

// Copies inside one function (two callbacks of a component, two branches of a handler): a helper declared in that
// function reads what is in scope there itself, so only what differs, or lives inside each copy's own callback, is a
// parameter (Ink's focusNext / focusPrevious passed the component's own setters; tRPC's nextAppDirCaller passed four
// values the function already had).
import ts from '../compiler.cjs';
import { listFunctions, type FunctionInfo } from '../functions.js';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';

/** The function a helper goes in, and the inputs it reads from there instead of taking them. */
export interface LocalScope {
  holder: string;
  names: string[];
}

/** The innermost function around both copies (or `around`), and which `inputs` both copies read from its scope. */
export function localScope(
  file: SourceFile,
  copies: [Location, Location],
  inputs: readonly string[],
  around?: string,
): LocalScope | undefined {
  const [a, b] = copies;
  if (a.startLine <= b.endLine && b.startLine <= a.endLine) return undefined; // overlapping copies: one block, not two
  const fns = listFunctions(file);
  const holder = around
    ? fns.find((f) => f.name === around)
    : fns
        .filter((f) => f.startLine < Math.min(a.startLine, b.startLine) && f.endLine > Math.max(a.endLine, b.endLine))
        .sort((x, y) => x.endLine - x.startLine - (y.endLine - y.startLine))[0];
  if (!holder) return undefined;
  const names = inputs.filter((name) => copies.every((copy) => readFromScope(file, copy, name, holder, copies)));
  return names.length > 0 ? { holder: holder.name, names } : undefined;
}

/** The copy's `name` is declared where both copies see it: in `holder`, around it, or in a block around both copies. */
function readFromScope(file: SourceFile, copy: Location, name: string, holder: FunctionInfo, both: [Location, Location]): boolean {
  const sf = parse(file);
  const use = firstUse(sf, copy, name);
  if (!use) return false;
  for (let node = use.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (node === holder.node) return true; // declared here or further out: in scope either way
    if (lineAt(sf, node.getStart(sf)) >= copy.startLine && lineAt(sf, node.getEnd()) <= copy.endLine) continue;
    // Declared in a callback, block or catch between the copy and the holder: each copy's own, unless it holds both copies.
    if (declaresHere(node, name))
      return (
        lineAt(sf, node.getStart(sf)) <= Math.min(both[0].startLine, both[1].startLine) &&
        lineAt(sf, node.getEnd()) >= Math.max(both[0].endLine, both[1].endLine)
      );
  }
  return false;
}

function firstUse(sf: ts.SourceFile, copy: Location, name: string): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (found || lineAt(sf, node.getEnd()) < copy.startLine || lineAt(sf, node.getStart(sf)) > copy.endLine) return;
    if (ts.isIdentifier(node) && node.text === name && lineAt(sf, node.getStart(sf)) >= copy.startLine) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const binds = (binding: ts.BindingName, name: string): boolean =>
  ts.isIdentifier(binding) ? binding.text === name : binding.elements.some((e) => !ts.isOmittedExpression(e) && binds(e.name, name));

/** `name` is a parameter, a body-level declaration, a block's declaration, a catch variable or a loop variable of `node`. */
function declaresHere(node: ts.Node, name: string): boolean {
  if (ts.isFunctionLike(node)) {
    const fn = node as ts.FunctionLikeDeclaration;
    return fn.parameters.some((p) => binds(p.name, name)) || (fn.body !== undefined && declaresHere(fn.body, name));
  }
  if (ts.isBlock(node) || ts.isSourceFile(node)) return node.statements.some((s) => declaresName(s, name));
  if (ts.isCatchClause(node)) return node.variableDeclaration !== undefined && binds(node.variableDeclaration.name, name);
  if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const init = node.initializer;
    return init !== undefined && ts.isVariableDeclarationList(init) && init.declarations.some((d) => binds(d.name, name));
  }
  return false;
}

const declaresName = (statement: ts.Statement, name: string): boolean =>
  (ts.isFunctionDeclaration(statement) && statement.name?.text === name) ||
  (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => binds(d.name, name)));

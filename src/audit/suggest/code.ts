// Questions the fix suggestions ask of the code: which function holds a line
// range, which tokens a range has, which names a range declares, and whether
// a name is used only as a type.
import ts from '../compiler.cjs';
import { listFunctions, type FunctionInfo } from '../functions.js';
import { isCodeFile, lineAt, parse } from '../parse.js';
import { tokensOf } from '../tokens.js';
import type { Location, SourceFile } from '../types.js';

/** The innermost function whose lines contain the whole range, if any. */
export function enclosingFunction(file: SourceFile, range: Location): FunctionInfo | undefined {
  if (!isCodeFile(file.path)) return undefined;
  const holders = listFunctions(file).filter((f) => f.startLine <= range.startLine && f.endLine >= range.endLine);
  return holders.sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
}

/** The function a finding is about: the same lines, else the same name. */
export function functionAt(file: SourceFile, range: Location, name?: string): FunctionInfo | undefined {
  if (!isCodeFile(file.path)) return undefined;
  const all = listFunctions(file);
  return (
    all.find((f) => f.startLine === range.startLine && f.endLine === range.endLine && (name === undefined || f.name === name)) ??
    all.find((f) => f.startLine === range.startLine && f.endLine === range.endLine) ??
    all.find((f) => name !== undefined && f.name === name)
  );
}

const tokenLines = new WeakMap<SourceFile, number[]>();

/** The line each leaf token starts on, computed once per file: a file with many duplicates is asked many ranges. */
function linesOfTokens(file: SourceFile, tokens: readonly ts.Node[]): number[] {
  let lines = tokenLines.get(file);
  if (!lines) {
    const sf = parse(file);
    lines = tokens.map((t) => lineAt(sf, t.getStart(sf)));
    tokenLines.set(file, lines);
  }
  return lines;
}

/** The leaf tokens that start on a line of the range (end of file left out). */
export function tokensIn(file: SourceFile, range: Location): ts.Node[] {
  const tokens = tokensOf(file);
  const lines = linesOfTokens(file, tokens);
  const found: ts.Node[] = [];
  // Tokens come in source order, so their lines never decrease: start at the first one on the range.
  for (let i = firstAtOrAfter(lines, range.startLine); i < tokens.length && (lines[i] as number) <= range.endLine; i++) {
    const token = tokens[i] as ts.Node;
    if (token.kind !== ts.SyntaxKind.EndOfFileToken) found.push(token);
  }
  return found;
}

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A name introduced by this identifier: a variable, parameter, binding or function name. */
export function isDeclarationName(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent || !ts.isIdentifier(node)) return false;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent)) &&
    parent.name === node
  );
}

/** True when the identifier sits inside a type annotation, type argument or type declaration. */
export function isInTypePosition(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isTypeNode(at) || ts.isInterfaceDeclaration(at) || ts.isTypeAliasDeclaration(at) || ts.isHeritageClause(at)) return true;
    if (ts.isStatement(at) || ts.isExpressionStatement(at)) return false;
  }
  return false;
}

/** Every identifier named `name` in the file, except where it is declared or imported. */
export function usesOf(file: SourceFile, name: string): ts.Identifier[] {
  const sf = parse(file);
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && node.text === name && !isOwnName(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const isOwnName = (node: ts.Identifier): boolean => {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  return (
    (ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isExportSpecifier(parent)) &&
    parent.name === node
  );
};

/** The callee's own name of a call: `a.b.push(x)` → `push`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Calls that say little about what a block does. */
export const GENERIC_CALLS = new Set([
  'push',
  'set',
  'get',
  'has',
  'add',
  'map',
  'filter',
  'forEach',
  'join',
  'slice',
  'split',
  'some',
  'every',
  'find',
  'includes',
  'toString',
  'String',
  'Number',
  'Boolean',
  'keys',
  'values',
  'entries',
  'from',
  'min',
  'max',
  'log',
  'assert',
  'equal',
  'deepEqual',
  'ok',
  'match',
  'then',
  'resolve',
  'reject',
  'replace',
  'trim',
  'sort',
  'concat',
  'indexOf',
  'test',
  'exec',
  'expect',
  'toEqual',
  'toBe',
  'toMatch',
  'toThrow',
  'toHaveLength',
  'toStrictEqual',
  'isNaN',
  'assertNever',
  'Error',
  'stringify',
]);

/** The most frequent telling calls inside a node, most frequent first. */
export function mainCalls(node: ts.Node, limit = 2): string[] {
  const counts = new Map<string, number>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name && !GENERIC_CALLS.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name]) => name);
}

/** `===`, `!==`, `==`, `!=`. */
export const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** `parsedType !== ZodParsedType.null`: the variable a value is compared with (`parsedType`), if one. */
export function comparedWith(token: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = token.parent, depth = 0; at && depth < 3; at = at.parent, depth++) {
    if (ts.isBinaryExpression(at) && EQUALITY.has(at.operatorToken.kind))
      return ts.isIdentifier(at.left) && at.left !== token ? at.left.text : undefined;
    if (ts.isStatement(at)) return undefined;
  }
  return undefined;
}

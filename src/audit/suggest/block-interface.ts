// What a block needs and gives when it moves into a helper, as an extract-method
// refactoring sees it: the variables of its enclosing functions it reads (they
// become parameters), the `this.…` state it reads (passed in, unless the helper
// stays a method), and the variables it declares that later code still uses
// (they become return values). Module-level names stay where they are.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { isDeclarationName, isInTypePosition } from './code.js';
import { narrowedMember, type Narrowed } from './narrowing.js';

export interface BlockInterface {
  /** Enclosing-function variables the block reads, in declaration order (so parameters keep their function's order). */
  inputs: string[];
  /** `this.a.b` paths the block reads (up to the member it calls), in first-use order. */
  state: string[];
  /** Variables the block declares that code after it in the same function uses. */
  outputs: string[];
  /** The output is a member of an item the block narrows by a discriminant (`max = ch.value` where `ch.kind === "max"`). */
  narrowed?: Narrowed;
}

const NONE: BlockInterface = { inputs: [], state: [], outputs: [] };

export function blockInterface(file: SourceFile, range: Location): BlockInterface {
  const sf = parse(file);
  const lineOf = (node: ts.Node): number => lineAt(sf, node.getStart(sf));
  const within = (node: ts.Node): boolean => lineOf(node) >= range.startLine && lineOf(node) <= range.endLine;
  const functions = enclosingFunctions(sf, range);
  const innermost = functions[0];
  if (innermost === undefined) return NONE;
  const outside = new Map<string, number>();
  const inside = new Set<string>();
  // A function's own parameters are its callers' values even when the copy holds the whole function.
  const parameters = new Set(functions.flatMap((fn) => (fn as ts.SignatureDeclaration).parameters.map((p) => p.name)));
  for (const fn of functions)
    walk(fn, (node) => {
      if (!isDeclarationName(node)) return;
      const isParameter = [...parameters].some((p) => p.pos <= node.pos && node.end <= p.end);
      const name = (node as ts.Identifier).text;
      if (within(node) && !isParameter) inside.add(name);
      else if (!outside.has(name)) outside.set(name, node.pos);
    });
  const inputs = new Set<string>();
  const state = new Set<string>();
  walk(innermost, (node) => {
    if (!within(node)) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) state.add(thisPath(node).getText(sf));
    else if (ts.isIdentifier(node) && isReference(node) && outside.has(node.text) && !inside.has(node.text)) inputs.add(node.text);
  });
  const outputs = new Set<string>();
  walk(innermost, (node) => {
    if (ts.isIdentifier(node) && lineOf(node) > range.endLine && inside.has(node.text) && isReference(node)) outputs.add(node.text);
  });
  const declared = (name: string): number => outside.get(name) ?? 0;
  const narrowed = outputs.size === 1 ? narrowedMember(file, range) : undefined;
  return {
    inputs: [...inputs].sort((x, y) => declared(x) - declared(y)),
    state: [...state],
    outputs: [...outputs],
    ...(narrowed && outputs.has(narrowed.output) ? { narrowed } : {}),
  };
}

/** The function-like nodes whose lines hold the whole range, innermost first. */
function enclosingFunctions(sf: ts.SourceFile, range: Location): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (lineAt(sf, node.getStart(sf)) > range.startLine || lineAt(sf, node.getEnd()) < range.endLine) return;
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) found.unshift(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function walk(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => walk(child, each));
}

/** An identifier that reads a variable: not a member name, a key, a declaration or a type. */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (isDeclarationName(node) || isInTypePosition(node)) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return false;
  return !(ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isLabeledStatement(parent));
}

/** `this.a.b` up to (not including) a member that is called: `this._def.checks` of `this._def.checks.push(x)`. */
function thisPath(node: ts.Node): ts.Node {
  let path = node;
  for (let up = path.parent; up && ts.isPropertyAccessExpression(up) && up.expression === path; up = path.parent) {
    const called = up.parent !== undefined && ts.isCallExpression(up.parent) && up.parent.expression === up;
    if (called) break;
    path = up;
  }
  return path;
}

/** The names a file declares at its top level or imports: a helper's parameter named like one would shadow it. */
export function moduleNames(file: SourceFile): Set<string> {
  const sf = parse(file);
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        walk(declaration.name, (n) => ts.isIdentifier(n) && names.add(n.text));
    } else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      names.add((statement.name as ts.Identifier).text);
    }
  }
  return names;
}

const importSources = new WeakMap<ts.SourceFile, Map<string, string>>();

/** The module a name in this file is imported from (`APIError` → `openai`), if it is an import binding. */
export function importedFrom(sf: ts.SourceFile, name: string): string | undefined {
  let sources = importSources.get(sf);
  if (!sources) {
    sources = new Map();
    for (const statement of sf.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) sources.set(clause.name.text, from);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) sources.set(bindings.name.text, from);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) sources.set(element.name.text, from);
    }
    importSources.set(sf, sources);
  }
  return sources.get(name);
}

// What each module imports and exports, read from the syntax tree; module-graph.ts
// resolves them against the tree. An import TypeScript erases (type-only in any
// syntax, or every binding used only as a type) is recorded for both settings of
// verbatimModuleSyntax, so the facts do not depend on the tsconfig.
import ts from './compiler.cjs';
import type { RawImport } from './facts/types.js';
import { graphFromFacts, knownGraph, type ExportRef, type ModuleInfo } from './module-graph.js';
import { isCodeFile, lineAt, parse } from './parse.js';
import type { SourceFile } from './types.js';
import { valueUses } from './value-uses.js';

export { resolveSpecifier, type ExportRef, type ImportRef, type ModuleInfo } from './module-graph.js';

/** What a module imports (unresolved) and exports, read from its syntax tree. */
export interface ModuleFacts {
  imports: RawImport[];
  exports: ExportRef[];
}

/** Modules of the code files in `files`, by path: the audit's graph when it built one for these files, else parsed here. */
export function moduleGraph(files: readonly SourceFile[]): Map<string, ModuleInfo> {
  const known = knownGraph(files);
  if (known) return known;
  const facts = new Map(files.filter((f) => isCodeFile(f.path)).map((f) => [f.path, moduleFacts(f)] as const));
  return graphFromFacts(files, facts);
}

type Erased = (keepsValueImports: boolean) => boolean;
type RefShape = Omit<RawImport, 'specifier' | 'startLine' | 'endLine' | 'typeOnlyKept' | 'typeOnlyErased'>;

export function moduleFacts(file: SourceFile): ModuleFacts {
  const sf = parse(file);
  const imports: RawImport[] = [];
  const exports: ExportRef[] = [];
  const ref = (node: ts.Node, specifier: string, erased: Erased, rest: RefShape): void => {
    imports.push({ specifier, ...lines(sf, node), typeOnlyKept: erased(true), typeOnlyErased: erased(false), ...rest });
  };
  const plain = { dynamic: false, forwardsAll: false, reexport: false };
  const never: Erased = () => false;
  // Only TypeScript is compiled: a JavaScript import runs whether or not its bindings are used.
  const isTs = /\.[mc]?tsx?$/.test(file.path);
  const onlyTypeUses = (keeps: boolean) => (locals: string[]) => !keeps && isTs && !locals.some((name) => valueUses(sf).has(name));
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const erased: Erased = (keeps) => isErased(statement, onlyTypeUses(keeps));
      ref(statement, statement.moduleSpecifier.text, erased, { ...plain, names: importedNames(statement) });
    } else if (isImportRequire(statement)) {
      const erased: Erased = (keeps) => statement.isTypeOnly || onlyTypeUses(keeps)([statement.name.text]);
      ref(statement, statement.moduleReference.expression.text, erased, { ...plain, names: 'all' });
    } else if (ts.isExportDeclaration(statement)) {
      readExportDeclaration(statement, sf, exports, (names, forwardsAll) => {
        if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          const typeOnly = statement.isTypeOnly || everySpecifierTypeOnly(statement.exportClause);
          ref(statement, statement.moduleSpecifier.text, () => typeOnly, { ...plain, names, forwardsAll, reexport: true });
        }
      });
    } else if (ts.isExportAssignment(statement)) {
      exports.push({ name: 'default', ...lines(sf, statement) });
    } else {
      exports.push(...declaredExports(statement, sf));
    }
  }
  const visitDynamic = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg))
        ref(node, arg.text, never, { ...plain, dynamic: true, names: 'all' });
    }
    ts.forEachChild(node, visitDynamic);
  };
  visitDynamic(sf);
  return { imports, exports: markSurfaceTypes(sf, exports) };
}

/**
 * True when nothing of the import is left after compilation: `import type`, `import { type A, type B }`,
 * or bindings used only as types. Under verbatimModuleSyntax `import { type A }` still leaves `import {}`,
 * which loads the module but reads no binding, so it cannot make a cycle bite either.
 */
function isErased(statement: ts.ImportDeclaration, onlyTypeUses: (locals: string[]) => boolean): boolean {
  const clause = statement.importClause;
  if (!clause) return false; // import './x': kept for its side effects
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
  if (!clause.name && named.length > 0 && named.every((e) => e.isTypeOnly)) return true;
  const namespace = bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : [];
  const locals = [...(clause.name ? [clause.name.text] : []), ...namespace, ...named.filter((e) => !e.isTypeOnly).map((e) => e.name.text)];
  return locals.length > 0 && onlyTypeUses(locals);
}

function everySpecifierTypeOnly(clause: ts.NamedExportBindings | undefined): boolean {
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

type ImportRequire = ts.ImportEqualsDeclaration & { moduleReference: ts.ExternalModuleReference & { expression: ts.StringLiteral } };

/** `import x = require('./x')`. */
function isImportRequire(statement: ts.Statement): statement is ImportRequire {
  return (
    ts.isImportEqualsDeclaration(statement) &&
    ts.isExternalModuleReference(statement.moduleReference) &&
    ts.isStringLiteral(statement.moduleReference.expression)
  );
}

function importedNames(statement: ts.ImportDeclaration): string[] | 'all' {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? ['default'] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return 'all';
  for (const element of bindings?.elements ?? []) names.push((element.propertyName ?? element.name).text);
  return names;
}

function readExportDeclaration(
  statement: ts.ExportDeclaration,
  sf: ts.SourceFile,
  exports: ExportRef[],
  onImport: (names: string[] | 'all', forwardsAll: boolean) => void,
): void {
  const clause = statement.exportClause;
  if (!clause) return onImport([], true); // export * from './x'
  if (ts.isNamespaceExport(clause)) {
    exports.push({ name: clause.name.text, ...lines(sf, clause) });
    return onImport('all', false);
  }
  const taken: string[] = [];
  for (const element of clause.elements) {
    const origin = (element.propertyName ?? element.name).text;
    exports.push({ name: element.name.text, ...lines(sf, element), ...(statement.moduleSpecifier ? { origin } : {}) });
    taken.push(origin);
  }
  onImport(taken, false);
}

function declaredExports(statement: ts.Statement, sf: ts.SourceFile): ExportRef[] {
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  const range = lines(sf, statement);
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return [{ name: 'default', ...range }];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name).map((name) => ({ name, ...range })));
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name && ts.isIdentifier(named.name) ? [{ name: named.name.text, ...range }] : [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

const lines = (sf: ts.SourceFile, node: ts.Node): { startLine: number; endLine: number } => ({
  startLine: lineAt(sf, node.getStart(sf)),
  endLine: lineAt(sf, node.getEnd()),
});

/** Marks exported interfaces and type aliases that another exported declaration of the file refers to. */
function markSurfaceTypes(sf: ts.SourceFile, exports: ExportRef[]): ExportRef[] {
  const types = new Set<string>();
  const referenced = new Map<string, Set<ts.Statement>>();
  for (const statement of sf.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && ts.isIdentifier(statement.name))
      types.add(statement.name.text);
    const visit = (node: ts.Node): void => {
      // `x: T` and `interface A extends T`
      const named = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : undefined;
      if (named && ts.isIdentifier(named)) {
        const holders = referenced.get(named.text) ?? new Set();
        referenced.set(named.text, holders.add(statement));
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
  }
  return exports.map((e) => {
    const holders = [...(referenced.get(e.name) ?? [])];
    const own = (s: ts.Statement): boolean => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === e.name;
    return types.has(e.name) && holders.some((h) => !own(h)) ? { ...e, surface: true } : e;
  });
}

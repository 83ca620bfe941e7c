// What each module imports and exports, read from the syntax tree, and
// relative specifiers resolved against the files of the tree, including
// NodeNext's `./x.js` that names `./x.ts`. An import TypeScript erases (type-only
// in any syntax, or every binding used only as a type) is marked `typeOnly`.
import { posix } from 'node:path';
import ts from 'typescript';
import { packageResolver } from './entries.js';
import { dirOf, tsSettingsFor } from './manifests.js';
import { isCodeFile, lineAt, parse } from './parse.js';
import type { SourceFile } from './types.js';
import { valueUses } from './value-uses.js';

export interface ImportRef {
  specifier: string;
  /** The file the specifier names, when it is in the tree (relative, or a package of the tree named by its name). */
  target: string | null;
  startLine: number;
  endLine: number;
  /** Erased at runtime: `import type`, `import { type A }`, `export type {..} from`, or bindings used only as types. */
  typeOnly: boolean;
  /** `import()` or `require()`: loaded lazily, names unknown. */
  dynamic: boolean;
  /** Names taken from the target (`default` for a default import), or every name. */
  names: string[] | 'all';
  /** `export * from`: names asked of this module and not its own may come from the target. */
  forwardsAll: boolean;
  /** `export ... from`: the target's names are passed on to this module's importers. */
  reexport: boolean;
}

export interface ExportRef {
  name: string;
  startLine: number;
  endLine: number;
  /** A type named in another export's declaration: exported so callers can spell that signature. */
  surface?: boolean;
  /** `export { a as b } from`: the name (`a`) in the module it comes from. */
  origin?: string;
}

export interface ModuleInfo {
  path: string;
  imports: ImportRef[];
  exports: ExportRef[];
}

const cache = new WeakMap<readonly SourceFile[], Map<string, ModuleInfo>>();

/** Modules of the code files in `files`, by path. */
export function moduleGraph(files: readonly SourceFile[]): Map<string, ModuleInfo> {
  const cached = cache.get(files);
  if (cached) return cached;
  const code = files.filter((file) => isCodeFile(file.path));
  const known = new Set(code.map((file) => file.path));
  const keeps = (path: string): boolean => tsSettingsFor(dirOf(path), files)?.keepsValueImports ?? false;
  const resolve = (from: string, specifier: string): string | null => resolveSpecifier(from, specifier, known) ?? byName(specifier);
  const byName = packageResolver(files);
  const graph = new Map(code.map((file) => [file.path, readModule(file, resolve, keeps(file.path))] as const));
  cache.set(files, graph);
  return graph;
}

const SWAPS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** The tree's file a relative specifier names, or null (bare packages, missing files). */
export function resolveSpecifier(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  if (!/^\.\.?(\/|$)/.test(specifier)) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\/$/, '');
  const ext = posix.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const candidates = [
    base,
    ...(SWAPS[ext] ?? []).map((swap) => stem + swap),
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}

type Resolve = (from: string, specifier: string) => string | null;

function readModule(file: SourceFile, resolve: Resolve, keepsValueImports: boolean): ModuleInfo {
  const sf = parse(file);
  const imports: ImportRef[] = [];
  const exports: ExportRef[] = [];
  const ref = (node: ts.Node, specifier: string, rest: Omit<ImportRef, 'specifier' | 'target' | 'startLine' | 'endLine'>): void => {
    imports.push({ specifier, target: resolve(file.path, specifier), ...lines(sf, node), ...rest });
  };
  const plain = { typeOnly: false, dynamic: false, forwardsAll: false, reexport: false };
  // Only TypeScript is compiled: a JavaScript import runs whether or not its bindings are used.
  const erasesUnusedValues = !keepsValueImports && /\.[mc]?tsx?$/.test(file.path);
  const onlyTypeUses = (locals: string[]): boolean => erasesUnusedValues && !locals.some((name) => valueUses(sf).has(name));
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      ref(statement, statement.moduleSpecifier.text, {
        ...plain,
        typeOnly: isErased(statement, onlyTypeUses),
        names: importedNames(statement),
      });
    } else if (isImportRequire(statement)) {
      const typeOnly = statement.isTypeOnly || onlyTypeUses([statement.name.text]);
      ref(statement, statement.moduleReference.expression.text, { ...plain, typeOnly, names: 'all' });
    } else if (ts.isExportDeclaration(statement)) {
      readExportDeclaration(statement, sf, exports, (names, forwardsAll) => {
        if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          const typeOnly = statement.isTypeOnly || everySpecifierTypeOnly(statement.exportClause);
          ref(statement, statement.moduleSpecifier.text, { ...plain, typeOnly, names, forwardsAll, reexport: true });
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
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg)) ref(node, arg.text, { ...plain, dynamic: true, names: 'all' });
    }
    ts.forEachChild(node, visitDynamic);
  };
  visitDynamic(sf);
  return { path: file.path, imports, exports: markSurfaceTypes(sf, exports) };
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

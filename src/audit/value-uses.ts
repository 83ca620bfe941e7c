// Which names a module uses as values. TypeScript erases an ordinary import
// whose every binding is used only in type positions (unless
// verbatimModuleSyntax or preserveValueImports keeps it), so such an import is
// no runtime edge. Without a type checker this is syntactic and errs towards
// "value": a name counts as a value use anywhere except inside type
// annotations, interfaces, type aliases, `implements` clauses and `typeof`
// type queries. (emitDecoratorMetadata, which turns parameter types into
// values, is not modelled.)
import ts from './compiler.cjs';

const cache = new WeakMap<ts.SourceFile, Set<string>>();

/** Identifiers the module refers to in value positions, outside its import declarations. */
export function valueUses(sf: ts.SourceFile): Set<string> {
  const cached = cache.get(sf);
  if (cached) return cached;
  const uses = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || startsTypeContext(node)) return;
    if (ts.isExportDeclaration(node)) return exportedLocals(node).forEach((name) => uses.add(name));
    if (ts.isIdentifier(node) && isReference(node)) uses.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  cache.set(sf, uses);
  return uses;
}

/** Nodes below which every identifier is in type space. */
function startsTypeContext(node: ts.Node): boolean {
  if (node.kind >= ts.SyntaxKind.FirstTypeNode && node.kind <= ts.SyntaxKind.LastTypeNode) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  return ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword;
}

/** `export { a, b as c }` without a `from` passes local values on (unless marked `type`). */
function exportedLocals(node: ts.ExportDeclaration): string[] {
  if (node.moduleSpecifier || node.isTypeOnly || !node.exportClause || !ts.isNamedExports(node.exportClause)) return [];
  return node.exportClause.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text);
}

/** False for identifiers that name something rather than refer to a binding: `x.name`, `{ name: 1 }`, `function name()`. */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return node !== parent.name;
  if (ts.isQualifiedName(parent)) return node !== parent.right;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  const named = parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  return named.name !== node && named.propertyName !== node;
}

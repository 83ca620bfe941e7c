// Where a helper for copied code goes, by whether a base class declares what the copies read from `this`: a protected method on the base only type-checks
// when every `this.a.b` the copy reads is declared there (zod's `ZodType._def` is a `ZodTypeDef` with no `checks`, so
// the `max*` getters' loop belongs in a free function over the checks, not on the base). Read from the one file's
// declarations: what it cannot find there counts as not declared.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';

/** The `this.a.b` member chains a range reads (`['_def', 'checks']`, `['_getType']`), each once, up to a called member. */
export function thisChains(file: SourceFile, range: Location): string[][] {
  const sf = parse(file);
  const seen = new Map<string, string[]>();
  const visit = (node: ts.Node): void => {
    const line = lineAt(sf, node.getStart(sf));
    if (node.kind === ts.SyntaxKind.ThisKeyword && line >= range.startLine && line <= range.endLine) {
      const chain: string[] = [];
      for (let at: ts.Node = node; ts.isPropertyAccessExpression(at.parent) && at.parent.expression === at; at = at.parent) {
        chain.push(at.parent.name.text);
        if (ts.isCallExpression(at.parent.parent) && at.parent.parent.expression === at.parent) break;
      }
      if (chain.length > 0) seen.set(chain.join('.'), chain);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...seen.values()];
}

/** Every chain resolves through declarations in the file: the base (or a base of it) declares the first member, and each
 * further member is declared by the type the previous one is annotated with (a type parameter by its constraint). */
export function baseDeclares(file: SourceFile, base: string, chains: readonly string[][]): boolean {
  const sf = parse(file);
  return chains.every((chain) => {
    let owner: string | undefined = base;
    let parameters = new Map<string, string>();
    for (const member of chain) {
      const found: Found | undefined = owner === undefined ? undefined : memberOf(sf, owner, member, parameters);
      if (!found) return false;
      owner = found.type;
      parameters = found.parameters;
    }
    return true;
  });
}

interface Found {
  /** The name of the member's declared type, if it is a named type (resolved through the owner's type parameters). */
  type: string | undefined;
  parameters: Map<string, string>;
}

type Declaration = ts.ClassDeclaration | ts.InterfaceDeclaration;

function declarationOf(sf: ts.SourceFile, name: string): Declaration | undefined {
  return sf.statements.find((s): s is Declaration => (ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name?.text === name);
}

/** `member` declared on `owner` or on a type it extends, found in this file. */
function memberOf(sf: ts.SourceFile, owner: string, member: string, outer: Map<string, string>, depth = 0): Found | undefined {
  const declaration = declarationOf(sf, outer.get(owner) ?? owner);
  if (!declaration || depth > 8) return undefined;
  // A type parameter stands for its constraint (`Def extends ZodTypeDef` → `ZodTypeDef`).
  const parameters = new Map<string, string>();
  for (const p of declaration.typeParameters ?? []) {
    const constraint = p.constraint && ts.isTypeReferenceNode(p.constraint) ? p.constraint.typeName.getText(sf) : undefined;
    if (constraint !== undefined) parameters.set(p.name.text, constraint);
  }
  for (const m of declaration.members) {
    if (nameOf(m) !== member) continue;
    const type =
      'type' in m && m.type && ts.isTypeReferenceNode(m.type as ts.Node)
        ? (m.type as ts.TypeReferenceNode).typeName.getText(sf)
        : undefined;
    return { type: type === undefined ? undefined : (parameters.get(type) ?? type), parameters };
  }
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  if (constructor?.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === member && p.modifiers?.length))
    return { type: undefined, parameters };
  for (const clause of declaration.heritageClauses ?? []) {
    for (const extended of clause.types) {
      if (!ts.isIdentifier(extended.expression)) continue;
      const found = memberOf(sf, extended.expression.text, member, parameters, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function nameOf(member: ts.ClassElement | ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/**
 * The base is exported (public API) and declares every member the chains start with without `private` / `protected`: a
 * module-private function taking the instance reaches all of them, so the fix need not add a member to the base (zod's
 * `ZodType`, the exported root of every schema class, whose `_getType` / `_getOrReturnCtx` are public).
 */
export function publicBase(file: SourceFile, base: string, chains: readonly string[][]): boolean {
  const sf = parse(file);
  const declaration = declarationOf(sf, base);
  if (!declaration || !isExported(sf, declaration, base)) return false;
  return chains.every((chain) => chain[0] !== undefined && isPublicMember(sf, base, chain[0], 0));
}

function isExported(sf: ts.SourceFile, declaration: Declaration, name: string): boolean {
  if (declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  return sf.statements.some(
    (s) =>
      ts.isExportDeclaration(s) &&
      !s.moduleSpecifier &&
      s.exportClause !== undefined &&
      ts.isNamedExports(s.exportClause) &&
      s.exportClause.elements.some((e) => (e.propertyName ?? e.name).text === name),
  );
}

function isPublicMember(sf: ts.SourceFile, owner: string, member: string, depth: number): boolean {
  const declaration = declarationOf(sf, owner);
  if (!declaration || depth > 8) return false;
  const own = declaration.members.find((m) => nameOf(m) === member);
  if (own) {
    const hidden = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword];
    return (
      !(own.name && ts.isPrivateIdentifier(own.name)) && !ts.getModifiers(own as ts.HasModifiers)?.some((m) => hidden.includes(m.kind))
    );
  }
  return (declaration.heritageClauses ?? []).some((clause) =>
    clause.types.some((t) => ts.isIdentifier(t.expression) && isPublicMember(sf, t.expression.text, member, depth + 1)),
  );
}

/** Where a helper for two copies goes: a protected method on the base both holders extend, or a function taking an instance of it. */
export interface Placement {
  sharedBase: string | undefined;
  instanceOf?: string;
}

/** The placement for copy `a` held by `holderA` in `fileA` and its twin held by `holderB` in `fileB`. */
export function helperPlacement([fileA, holderA]: [SourceFile, string], [fileB, holderB]: [SourceFile, string], a: Location): Placement {
  return placement(declaringBase(sharedBase([fileA, holderA], [fileB, holderB]), fileA, a), fileA, a);
}

/**
 * The shared base, only when it declares everything the copy reads from `this` (and the copy reads something): a
 * protected method there type-checks. Otherwise (`this._def.checks` where the base's `_def` has no `checks`) the helper
 * is a free function taking what the copy reads.
 */
function declaringBase(base: string | undefined, file: SourceFile, copy: Location): string | undefined {
  if (base === undefined) return undefined;
  const chains = thisChains(file, copy);
  return chains.length > 0 && baseDeclares(file, base, chains) ? base : undefined;
}

/** A protected method on a base only when a function outside it could not reach what the copy reads (see publicBase). */
function placement(base: string | undefined, file: SourceFile, copy: Location): Placement {
  if (base !== undefined && publicBase(file, base, thisChains(file, copy))) return { sharedBase: undefined, instanceOf: base };
  return { sharedBase: base };
}

/** The class both holders' classes extend (`ZodType` for `ZodUndefined._parse` and `ZodVoid._parse`), if one. */
function sharedBase(...holders: [SourceFile, string][]): string | undefined {
  const bases = holders.map(([file, holder]) => {
    const owner = holder.includes('.') ? holder.slice(0, holder.lastIndexOf('.')) : undefined;
    const declaration =
      owner === undefined ? undefined : parse(file).statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === owner);
    const extended =
      declaration && ts.isClassDeclaration(declaration)
        ? declaration.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
        : undefined;
    const base = extended?.types[0]?.expression;
    return base && ts.isIdentifier(base) ? base.text : undefined;
  });
  return bases[0] !== undefined && bases.every((b) => b === bases[0]) && holders[0]?.[1] !== holders[1]?.[1] ? bases[0] : undefined;
}

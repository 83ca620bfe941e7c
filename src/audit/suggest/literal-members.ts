// A function that is a member of an object literal (`createReconciler({ removeChild(…) {…}, … })`) or an argument of a
// call: it has no name in scope, and whoever reads it off may call it detached (react-reconciler reads its host config's
// functions into locals), so another member can call it neither by name nor through `this`. Two such functions identical
// token for token share one module-level function, assigned to both keys, as `key: fn` entries of the literal already do.
import ts from '../compiler.cjs';
import type { Location, SourceFile } from '../types.js';
import { enclosingFunction } from './code.js';
import { contextualTypes, type ContextualTypes } from './contextual-types.js';

export interface LiteralMember {
  /** The key it is stored under; undefined for an argument of a call. */
  key?: string;
  /** The literal's entries that already assign a named function (`appendChildToContainer: appendChildNode`). */
  assigned: Array<[key: string, fn: string]>;
  /** Its untyped parameters, which take their types from where it is written, and what gives them. */
  types?: ContextualTypes;
}

const nameOf = (name: ts.PropertyName | undefined): string | undefined =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;

/** The literal entries whose value is a name, not written inline. */
function assignedEntries(literal: ts.ObjectLiteralExpression): Array<[string, string]> {
  return literal.properties.flatMap((p): Array<[string, string]> => {
    if (ts.isShorthandPropertyAssignment(p)) return [[p.name.text, p.name.text]];
    const key = ts.isPropertyAssignment(p) ? nameOf(p.name) : undefined;
    return key !== undefined && ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) ? [[key, p.initializer.text]] : [];
  });
}

/**
 * A literal a variable holds (`const v1Processor = { toStream: … }`) is reachable by name: its arrows can be called as
 * `v1Processor.toStream(…)`, so one member can call the other's as usual. Methods (which may read `this`) cannot.
 */
const heldByName = (literal: ts.Node, fn: ts.Node): boolean =>
  ts.isArrowFunction(fn) && ts.isVariableDeclaration(literal.parent) && ts.isIdentifier(literal.parent.name);

/** What the function holding the whole range is a member of, when it is an object literal's member or a call's argument. */
export function literalMember(file: SourceFile, range: Location): LiteralMember | undefined {
  const node = enclosingFunction(file, range)?.node;
  if (!node) return undefined;
  const typed = (literal?: ts.ObjectLiteralExpression, key?: string) => {
    const types = contextualTypes(file.path, node, literal && { literal, key });
    return types ? { types } : {};
  };
  if (ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent))
    return { key: nameOf(node.name), assigned: assignedEntries(node.parent), ...typed(node.parent, nameOf(node.name)) };
  if (!ts.isFunctionExpression(node) && !ts.isArrowFunction(node)) return undefined;
  let up: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(up)) up = up.parent;
  if (ts.isPropertyAssignment(up) && ts.isObjectLiteralExpression(up.parent) && !heldByName(up.parent, node))
    return { key: nameOf(up.name), assigned: assignedEntries(up.parent), ...typed(up.parent, nameOf(up.name)) };
  return ts.isCallExpression(up) && up.arguments.some((a) => a === node) ? { assigned: [], ...typed() } : undefined;
}

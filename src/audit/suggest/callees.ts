// Names the copies use, as two files define or import them. The same name can be two behaviours: beta-parser.ts and
// parser.ts each define a module-local `getOutputFormat`, and the beta one reads the deprecated `output_format` first,
// so a merge that keeps one call drops the other's behaviour: the callee is a difference. Two names can be one
// behaviour: `parseBetaOutputFormat` / `parseOutputFormat` are themselves copied blocks of the same pair, merged with
// the rest, so they are no difference.
import ts from '../compiler.cjs';
import { lineAt } from '../parse.js';
import type { Location } from '../types.js';
import { importedFrom } from './block-interface.js';
import { isInTypePosition } from './code.js';

interface Definition {
  location: Location;
  /** The body's tokens, types left out: two bodies alike here behave alike. */
  body: string;
}

const definitions = new WeakMap<ts.SourceFile, Map<string, Definition>>();

/** The function a file declares at its top level under `name` (`function f`, `const f = (…) => …`), if one. */
export function ownDefinition(sf: ts.SourceFile, name: string): Definition | undefined {
  if (!definitions.has(sf)) definitions.set(sf, topLevelFunctions(sf));
  return definitions.get(sf)?.get(name);
}

function topLevelFunctions(sf: ts.SourceFile): Map<string, Definition> {
  const found = new Map<string, Definition>();
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body)
      found.set(statement.name.text, define(sf, statement, statement.body));
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
        found.set(d.name.text, define(sf, statement, init.body));
    }
  }
  return found;
}

function define(sf: ts.SourceFile, statement: ts.Node, body: ts.Node): Definition {
  const tokens: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.getChildCount(sf) === 0) {
      if (!isInTypePosition(node) && node.kind !== ts.SyntaxKind.EndOfFileToken) tokens.push(node.getText(sf));
      return;
    }
    node.getChildren(sf).forEach(visit);
  };
  visit(body);
  const location = { path: sf.fileName, startLine: lineAt(sf, statement.getStart(sf)), endLine: lineAt(sf, statement.getEnd()) };
  return { location, body: tokens.join(' ') };
}

/** Both files define `name` as a function of their own and the two bodies differ: where each is, else undefined. */
export function ownPair(sfA: ts.SourceFile, sfB: ts.SourceFile, name: string): [Location, Location] | undefined {
  if (sfA === sfB) return undefined;
  const [a, b] = [ownDefinition(sfA, name), ownDefinition(sfB, name)];
  return a && b && a.body !== b.body ? [a.location, b.location] : undefined;
}

/** Two names each side defines inside its own copies (`parseBetaOutputFormat` in 132-150, `parseOutputFormat` in 105-123). */
export function copiedCallee(
  [sfA, sfB]: readonly [ts.SourceFile, ts.SourceFile],
  [nameA, nameB]: readonly [string, string],
  [copiesA, copiesB]: readonly [readonly Location[], readonly Location[]],
): boolean {
  if (nameA === nameB) return false;
  // Most of the definition lies in one copy (a copy may start below a doc comment or stop before the closing brace).
  const inside = (d: Definition | undefined, copies: readonly Location[]) =>
    d !== undefined &&
    copies.some((c) => {
      const shared = Math.min(c.endLine, d.location.endLine) - Math.max(c.startLine, d.location.startLine) + 1;
      return c.path === d.location.path && shared * 2 >= d.location.endLine - d.location.startLine + 1;
    });
  return inside(ownDefinition(sfA, nameA), copiesA) && inside(ownDefinition(sfB, nameB), copiesB);
}

/** Where each file imports `name` from, when the two differ. */
export function importPair(sfA: ts.SourceFile, sfB: ts.SourceFile, name: string): [string, string] | undefined {
  const [fromA, fromB] = [importedFrom(sfA, name), importedFrom(sfB, name)];
  return fromA !== undefined && fromB !== undefined && fromA !== fromB ? [fromA, fromB] : undefined;
}

// Statements at a copy's edges that are not part of what was copied, trimmed off so the helper neither takes nor hands
// back what only rides along.
//
// A copy whose first line takes a value apart (`const { req } = opts;`) and whose later code uses what it took: the
// helper would hand that value back ("returning `req`"), though the code after the line is what was copied (a guard
// that returns nothing). The line stays at each caller, the helper takes what it destructured (`req`), and gives
// back only what the rest of the copy makes.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import { blockInterface } from '../suggest/block-interface.js';
import { statementsIn } from '../suggest/copy-shape.js';
import type { Location, SourceFile } from '../types.js';
import type { CodeIndex } from './context.js';

type Trim = (copy: Location, file: SourceFile) => Location | undefined;

/** Every copy trimmed, when each of them can be (one helper replaces them all); else the copies as found. */
function trimmedAll<T extends Location[]>(copies: T, index: CodeIndex, trim: Trim): T {
  const trimmed = copies.map((copy) => {
    const file = index.file(copy.path);
    return file ? trim(copy, file) : undefined;
  });
  return trimmed.every((t) => t !== undefined) ? (trimmed as T) : copies;
}

/** The copies without their first statement, when in every copy it is such a destructure; else the copies. */
export const withoutLeadingDestructure = <T extends Location[]>(copies: T, index: CodeIndex): T =>
  trimmedAll(copies, index, leadingTrimmed);

const leadingTrimmed: Trim = (copy, file) => {
  const [first, second] = statementsIn(file, copy);
  if (!first || !second || !ts.isVariableStatement(first)) return undefined;
  const declarations = first.declarationList.declarations;
  const takenApart = declarations.every(
    (d) => (ts.isObjectBindingPattern(d.name) || ts.isArrayBindingPattern(d.name)) && d.initializer && ts.isIdentifier(d.initializer),
  );
  const names = declarations.flatMap((d) => boundNames(d.name));
  if (!takenApart || !blockInterface(file, copy).outputs.some((o) => names.includes(o))) return undefined;
  const sf = parse(file);
  return { ...copy, startLine: lineAt(sf, second.getStart(sf)) };
};

const boundNames = (name: ts.BindingName): string[] =>
  ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));

/**
 * The copies without their last statement, when in every copy it only declares a value for the code after the copy and
 * reads nothing the copy made before it: the SDK's `const limit = resolveMaxBytes(ctx.maxFileBytes)` after a stat guard,
 * which a helper would hand back beside its own result (`{ limit, st }`), half of an unrelated check each caller finishes.
 */
export const withoutTrailingAside = <T extends Location[]>(copies: T, index: CodeIndex): T => trimmedAll(copies, index, trailingTrimmed);

const trailingTrimmed: Trim = (copy, file) => {
  const statements = statementsIn(file, copy);
  const [last, before] = [statements.at(-1), statements.at(-2)];
  if (!last || !before || !ts.isVariableStatement(last)) return undefined;
  const declared = last.declarationList.declarations.flatMap((d) => boundNames(d.name));
  const { outputs } = blockInterface(file, copy);
  if (!declared.every((name) => outputs.includes(name))) return undefined;
  const earlier = new Set(
    statements
      .slice(0, -1)
      .flatMap((s) => (ts.isVariableStatement(s) ? s.declarationList.declarations : []))
      .flatMap((d) => boundNames(d.name)),
  );
  if (readsAny(last, earlier)) return undefined;
  const sf = parse(file);
  return { ...copy, endLine: lineAt(sf, before.getEnd()) };
};

function readsAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node) && names.has(node.text)) return true;
  return ts.forEachChild(node, (child) => readsAny(child, names) || undefined) ?? false;
}

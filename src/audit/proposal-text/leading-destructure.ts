// A copy whose first line takes a value apart (`const { req } = opts;`) and whose later code uses what it took: the
// helper would hand that value back ("returning `req`"), though the code after the line is what was copied (a guard
// that returns nothing). The line stays at each caller, the helper takes what it destructured (`req`), and gives
// back only what the rest of the copy makes.
import ts from '../compiler.cjs';
import { lineAt, parse } from '../parse.js';
import { blockInterface } from '../suggest/block-interface.js';
import { statementsIn } from '../suggest/copy-shape.js';
import type { Location } from '../types.js';
import type { CodeIndex } from './context.js';

/** The copies without their first statement, when in every copy it is such a destructure; else the copies. */
export function withoutLeadingDestructure<T extends Location[]>(copies: T, index: CodeIndex): T {
  const trimmed = copies.map((copy) => trimmedCopy(copy, index));
  return trimmed.every((t) => t !== undefined) ? (trimmed as T) : copies;
}

function trimmedCopy(copy: Location, index: CodeIndex): Location | undefined {
  const file = index.file(copy.path);
  if (!file) return undefined;
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
}

const boundNames = (name: ts.BindingName): string[] =>
  ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));

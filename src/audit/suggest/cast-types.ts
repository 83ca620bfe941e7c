// A type a copy names only in casts (`value as PromiseChunk`), and that none of the values it reads from its function
// carries: a helper made of the copy could not infer it from an argument. It would take a type parameter each caller
// spells out (the cast moved into a type argument), or return the union each caller casts back.
import ts from '../compiler.cjs';
import { parse } from '../parse.js';
import type { Location, SourceFile } from '../types.js';
import { isInTypePosition, tokensIn } from './code.js';

/** The type node of a cast (`x as T`, `<T>x`, `x satisfies T`) that holds `node`, if one does. */
function inCast(node: ts.Node): boolean {
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const holder = at.parent;
    if ((ts.isAsExpression(holder) || ts.isTypeAssertionExpression(holder) || ts.isSatisfiesExpression(holder)) && holder.type === at)
      return true;
    if (!ts.isTypeNode(holder) && !ts.isQualifiedName(holder) && !ts.isExpressionWithTypeArguments(holder)) return false;
  }
  return false;
}

/** Declarations of `names` in the file (variables, parameters) whose type or initializer names `type`. */
function carried(file: SourceFile, names: readonly string[], type: string): boolean {
  const word = new RegExp(`\\b${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const sf = parse(file);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && names.includes(node.name.text)) {
      const typed = [node.type, node.initializer].some((part) => part !== undefined && word.test(part.getText(sf)));
      if (typed) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The copy names `type`, and only in casts, and no value it reads (`inputs`) is declared with it. */
export function castOnly(file: SourceFile, range: Location, type: string, inputs: readonly string[]): boolean {
  const uses = tokensIn(file, range).filter((t) => ts.isIdentifier(t) && t.text === type && isInTypePosition(t));
  return uses.length > 0 && uses.every(inCast) && !carried(file, inputs, type);
}

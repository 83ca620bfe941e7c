// Related siblings: when two methods of one name in sibling classes are copies (`ZodUndefined._parse` /
// `ZodVoid._parse`), the same method in the file's other classes often has the same shape too (`ZodSymbol._parse`,
// `ZodNull._parse`), found by the detector only inside longer class-level copies. One helper takes them all; and what
// differs is read position by position, so a value two copies agree on in one place and not in another
// (`undefined` checked, `void` expected) becomes two parameters, not one.
import type ts from '../compiler.cjs';
import { listFunctions } from '../functions.js';
import type { Location, SourceFile } from '../types.js';
import { tokensIn } from './code.js';
import { align, shapeOf } from './align.js';
import { comparedWith } from './code.js';
import type { Difference } from './duplicate.js';
import { roleOf } from './value-roles.js';

const methodName = (holder: string): string | undefined => (/^[^.]+\.([^.]+)$/.exec(holder) ? holder.split('.')[1] : undefined);

/**
 * Methods named like both holders' method (`_parse`) in the file's other classes, whose every token has the copies'
 * shape (names and literals aside): further copies of the same block. Only when both copies are the whole method.
 */
export function siblingMethods(file: SourceFile, holders: readonly [string, string], copies: readonly Location[]): Location[] {
  const [a, b] = holders.map(methodName);
  const first = copies[0];
  if (a === undefined || a !== b || !first || copies.some((c) => c.path !== file.path)) return [];
  const shape = (range: Location): string => {
    const tokens = tokensIn(file, range);
    const sf = tokens[0]?.getSourceFile();
    return sf ? tokens.map((t) => shapeOf(t, sf)).join(' ') : '';
  };
  const functions = listFunctions(file);
  const whole = (c: Location) => functions.some((f) => f.startLine === c.startLine && f.endLine === c.endLine);
  if (!copies.every(whole)) return [];
  const wanted = shape(first);
  return functions
    .filter((f) => methodName(f.name) === a && !holders.includes(f.name))
    .map((f) => ({ path: file.path, startLine: f.startLine, endLine: f.endLine }))
    .filter((range) => !copies.some((c) => c.startLine === range.startLine) && shape(range) === wanted);
}

/**
 * The differences across every copy, by position in the first: a value the first copy writes in two places is one
 * parameter when the other copies agree with it in both places, two when they do not (`ZodParsedType.undefined`
 * checked and expected in `ZodUndefined._parse`; `ZodVoid._parse` checks `undefined` but expects `void`).
 * `differences` are those found pair by pair (their kind and role are kept); each is split by the positions it holds.
 */
export function splitByPosition(differences: readonly Difference[], copies: readonly ts.Node[][]): Difference[] {
  const [first, ...others] = copies;
  if (!first || others.length < 2) return [...differences];
  const sf = first[0]?.getSourceFile();
  if (!sf) return [...differences];
  const shapes = (tokens: readonly ts.Node[]) => tokens.map((t) => shapeOf(t, t.getSourceFile()));
  const maps = others.map((tokens) => new Map(align(shapes(first), shapes(tokens))));
  const textAt = (k: number, i: number): string => {
    const j = maps[k]?.get(i);
    return j === undefined ? '' : ((others[k] as ts.Node[])[j] as ts.Node).getText();
  };
  const result: Difference[] = [];
  for (const d of differences) {
    const vectors = new Map<string, string[]>();
    first.forEach((token, i) => {
      if (token.getText(sf) !== d.a) return;
      const texts = others.map((_, k) => textAt(k, i));
      if (texts.some((t) => t !== d.a)) vectors.set(texts.join('\u0000'), texts);
    });
    if (vectors.size < 2) {
      result.push(d);
      continue;
    }
    // One parameter per distinct column of values; the pair-by-pair difference keeps its kind, role and name.
    for (const texts of vectors.values()) {
      const b = texts.find((t) => t !== d.a && t !== '') ?? d.b;
      const i = first.findIndex((token, at) => token.getText(sf) === d.a && others.every((_, k) => textAt(k, at) === texts[k]));
      const token = first[i];
      const { role: _role, compared: _compared, ...kept } = d;
      result.push({ ...kept, b, values: [d.a, ...texts], ...(token ? positionFacts(token) : {}) });
    }
  }
  return result;
}

/** A split difference takes the role of its own position, not that of the first place the value was seen. */
function positionFacts(token: ts.Node): Pick<Difference, 'role' | 'compared'> {
  const role = roleOf(token);
  const compared = comparedWith(token);
  return { ...(role !== undefined ? { role } : {}), ...(compared !== undefined ? { compared } : {}) };
}

// What two copies of a block have in common and where they differ: their
// enclosing functions, the differences a shared helper would take as
// parameters (local renames aside), a name for that helper, and where it goes.
import { posix } from 'node:path';
import ts from '../compiler.cjs';
import type { Location, SourceFile } from '../types.js';
import { lineAt, parse } from '../parse.js';
import type { FunctionInfo } from '../functions.js';
import { comparedWith, enclosingFunction, isDeclarationName, isInTypePosition, tokensIn } from './code.js';
import { blockInterface, moduleNames, type BlockInterface } from './block-interface.js';
import { copyShape, isFragment, isPassThroughCall, isTypeLevel, jumpsOut, endsInGuard, type CopyShape } from './copy-shape.js';
import { helperPlacement } from './base-members.js';
import { copiedCallee, importPair, ownPair } from './callees.js';
import { helperNameOf } from './helper-name.js';
import { canonicalOrder } from './commutative.js';
import { hookUse, type HookUse } from './hooks.js';
import { placementOf, type ClosureCall } from './closure.js';
import type { LocalScope } from './local-scope.js';
import { isAssigned, isTypeOfCompared, roleOf } from './value-roles.js';
import { align, LITERAL_KINDS, TYPE_KEYWORDS } from './align.js';
import { chainShape, optionalChainOf, type OptionalChain } from './optional-chain.js';
import { gapLines, reshapedPairs, widen, type Reshaped } from './reshaped.js';
import { isCalled, isLabel, isMemberName, LABEL_TOKENS } from './token-places.js';
import { methodOf, type MethodDifference } from './method-names.js';

export interface Difference {
  a: string;
  b: string;
  /**
   * `key`: the copies build objects with other keys (rows of different shapes), not one shape with other values;
   * `type`: a type (a helper would be generic over it).
   */
  kind: 'literal' | 'property' | 'name' | 'key' | 'type';
  /** What the value is to its code: the key it is stored under, or `message` for the text of an error or a log line. */
  role?: string;
  /** Both sides are variables of their functions (`realPath` / `fullPath`): the helper's input, filled differently. */
  input?: boolean;
  /** Both sides are called (`fs.lstat(…)` / `fs.stat(…)`): the helper takes a function. */
  called?: boolean;
  /** Both call a method of a value by another name (`current.find` / `current.findLast`): a key, never a function. */
  method?: MethodDifference;
  /** Every copy's value at this place, in copy order, when more than two copies differ here (`symbol` / `undefined` / `null`). */
  values?: string[];
  /** The variable the value is compared with (`parsedType !== ZodParsedType.null`): the helper's parameter is what it is expected to be. */
  compared?: string;
  /** A property some copy assigns (`holder.listeners_ = [handler]`): a helper needs its key, not its value. */
  written?: boolean;
  /** A literal compared with `typeof x` (`typeof value === 'function'`): the type a value is expected to have. */
  typeOf?: boolean;
  /** The same name imported from two modules (`APIError` from `@anthropic-ai/sdk` / `openai`): two things, one spelling. */
  from?: [string, string];
  /** The same name, a function each file defines its own way (`getOutputFormat`): where the two definitions are. */
  own?: [Location, Location];
}

export interface DuplicateFacts {
  /** Enclosing function names (`<top level>` outside any). */
  holders: [string, string];
  /** The class whose `this` each copy sees (see FunctionInfo.owner): a helper is a method only when both are one class. */
  owners: [string | undefined, string | undefined];
  /** Each copy is the whole of its function (signature to closing brace): one function can simply call the other. */
  wholeFunctions: boolean;
  /** Differences a shared helper takes as parameters, first occurrence first; consistent local renames left out. */
  differences: Difference[];
  /** Where the copies differ in shape, not by renames: names paired across it are no parameters. */
  reshaped?: Reshaped;
  /** One copy reads a member with `?.` where the other uses `.`: the same read, one caller's value may be undefined. */
  optionalChain?: OptionalChain;
  /** A name for the shared helper, when the holders' names suggest one. */
  helperName: string | undefined;
  /** Where the helper goes: the same file, or the nearest directory both files share. */
  home: string;
  /**
   * A copy leaves its enclosing function or loop from its middle (a `return`, `break`, `continue` or `yield` with code after
   * it): moved into a helper, that jump would no longer leave the caller, so the block does not extract as it stands.
   */
  jumpsOut: boolean;
  /** Most of a copy is types (signatures, overloads, annotations): the compiler checks it, and no helper can share it. */
  typeLevel: boolean;
  /** A copy cuts across statement blocks (it holds the end of one block or the start of another): not one unit of logic. */
  fragment: boolean;
  /** The copy is one call passing its function's values on: the callee is the shared code already. */
  passThrough: boolean;
  /** A function the copies call that their enclosing function declares: the helper goes beside it, not at module level. */
  closure?: ClosureCall;
  /** The function around both copies and what they read from its scope: a local helper there does not take those. */
  localScope?: LocalScope;
  /** A copy ends in a guard (an `if` that throws): policy, where a fix made in one copy and not the other leaves a hole. */
  refuses: boolean;
  /** What the first copy reads from and gives back to its function: the helper's real parameters and results. */
  io: BlockInterface;
  /**
   * What both copies are: `entries` of a declarative object (a schema, statechart or config), one `expression` with no
   * statement in it (a value, shared as a constant), or `statements` (also when the two copies differ in kind).
   */
  shape: CopyShape;
  /** React hooks the first copy calls, or the hook whose whole callback both copies are: the helper is a custom hook. */
  hook?: HookUse;
  /** Names the helper's file declares at its top level or imports: a parameter must not shadow them. */
  scope: Set<string>;
  /** Methods of two classes that extend the same base: the helper is a protected method there, reading `this` itself. */
  sharedBase: string | undefined;
  /**
   * The base both classes extend is exported and declares publicly all the copy reads from `this` (zod's `ZodType`): the
   * helper is a module-private function taking the instance, typed as that base, so the public base gains no member.
   */
  instanceOf?: string;
}

export function duplicateFacts(a: Location, fileA: SourceFile, b: Location, fileB: SourceFile): DuplicateFacts {
  const holderA = holderOf(fileA, a);
  const holderB = holderOf(fileB, b);
  const [ioA, ioB] = [blockInterface(fileA, a), blockInterface(fileB, b)];
  const tokensA = tokensIn(fileA, a);
  const [shapeA, shapeB] = [copyShape(fileA, a), copyShape(fileB, b)];
  const shape: Shape = {};
  const differences = diffTokens(tokensA, tokensIn(fileB, b), [[a], [b]], shape).map((d) =>
    ioA.inputs.includes(d.a) && ioB.inputs.includes(d.b) ? { ...d, input: true } : d,
  );
  const whole = (file: SourceFile, range: Location): boolean => {
    const fn = enclosingFunction(file, range);
    return fn !== undefined && fn.startLine >= range.startLine - 1 && fn.endLine <= range.endLine + 1;
  };
  const scope = new Set([...moduleNames(fileA), ...(fileA === fileB ? [] : moduleNames(fileB))]);
  return {
    holders: [holderA, holderB],
    owners: [holderFunction(fileA, a)?.owner, holderFunction(fileB, b)?.owner],
    wholeFunctions: whole(fileA, a) && whole(fileB, b),
    differences,
    ...shape,
    helperName: helperNameOf([holderA, holderB], { file: fileA, range: a, io: ioA }, scope),
    home: homeOf(a.path, b.path),
    jumpsOut: jumpsOut(fileA, a) || jumpsOut(fileB, b),
    typeLevel: isTypeLevel(tokensA),
    fragment: isFragment(fileA, a) || isFragment(fileB, b),
    passThrough: isPassThroughCall(fileA, a),
    ...placementOf(fileA, a, fileB, b, ioA.inputs),
    refuses: endsInGuard(fileA, a),
    io: ioA,
    shape: shapeA === shapeB ? shapeA : 'statements',
    scope,
    ...hookOf(hookUse(fileA, a), hookUse(fileB, b)),
    ...helperPlacement([fileA, holderA], [fileB, holderB], a),
  };
}

/** The first copy's hook calls; the hook whose callback both copies are, when both are one's (`useEffect`). */
function hookOf(a: HookUse | undefined, b: HookUse | undefined): { hook?: HookUse } {
  if (!a) return {};
  const body = a.body !== undefined && a.body === b?.body ? a.body : undefined;
  const made = [...new Set([...(a.effectEvents ?? []), ...(b?.effectEvents ?? [])])];
  const events = made.length > 0 ? { effectEvents: made } : {};
  return a.calls.length > 0 || body ? { hook: { calls: a.calls, ...(body ? { body } : {}), ...events } } : {};
}

/** What differs between two copies, without the rest of their facts (for third and later copies). */
export const tokenDifferences = (a: Location, fileA: SourceFile, b: Location, fileB: SourceFile, copies: CopySides = [[a], [b]]) =>
  diffTokens(tokensIn(fileA, a), tokensIn(fileB, b), copies);

/** Every copy on each side of a pair. */
type CopySides = readonly [readonly Location[], readonly Location[]];

/** How the copies differ besides their values: where their shapes part, and a member read with `?.` in one only. */
type Shape = { reshaped?: Reshaped; optionalChain?: OptionalChain };

/** `copies`: every copy of each side, so that a function defined in one of them (and merged with it) is no difference. */
function diffTokens(copyA: ts.Node[], copyB: ts.Node[], copies: CopySides, shape?: Shape): Difference[] {
  // `a && b` in one copy and `b && a` in the other is the same condition, not two differences.
  const [ta, tb] = [canonicalOrder(copyA), canonicalOrder(copyB)];
  const sfA = ta[0]?.getSourceFile();
  const sfB = tb[0]?.getSourceFile();
  if (!sfA || !sfB) return [];
  const pairs = align(
    ta.map((t) => chainShape(t, sfA)),
    tb.map((t) => chainShape(t, sfB)),
  );
  const reshaped = reshapedPairs(pairs, [ta.length, tb.length]);
  if (shape) shape.reshaped = gapLines(pairs, ta, tb);
  const declaredA = new Set(ta.filter(isDeclarationName).map((t) => t.getText(sfA)));
  const declaredB = new Set(tb.filter(isDeclarationName).map((t) => t.getText(sfB)));
  const seen = new Map<string, Difference>();
  const found: Difference[] = [];
  for (const [k, [i, j]] of pairs.entries()) {
    const x = ta[i] as ts.Node;
    const y = tb[j] as ts.Node;
    const [textA, textB] = [x.getText(sfA), y.getText(sfB)];
    const chain = optionalChainOf(x, y, [ta, tb]);
    if (chain && shape) shape.optionalChain ??= chain;
    if (chain) continue;
    const named = ts.isIdentifier(x) && ts.isIdentifier(y) && !isMemberName(x) && !isMemberName(y);
    const from = textA === textB && named ? importPair(sfA, sfB, textA) : undefined;
    const own = textA === textB && named && !from ? ownPair(sfA, sfB, textA) : undefined;
    if (textA === textB && !from && !own) continue;
    // Only for a helper's parameters: members kept in each class (shared-files.ts) keep every difference.
    if (shape && textA !== textB && reshaped.has(k)) {
      shape.reshaped = widen(shape.reshaped, x, y);
      continue;
    }
    if (named && copiedCallee([sfA, sfB], [textA, textB], copies)) continue; // merged with the copies: one function
    if (declaredA.has(textA) && declaredB.has(textB)) continue; // a local variable renamed: no parameter needed
    // The name of what each copy declares (`get maxLength`, `readOnly: …`): the copy's own label, which stays at each site.
    if (i < LABEL_TOKENS && j < LABEL_TOKENS && isLabel(x) && isLabel(y)) continue;
    const key = `${textA}\u0000${textB}`;
    const isProperty = x.parent && ts.isPropertyAccessExpression(x.parent) && x.parent.name === x;
    const isKey = isLabel(x) && ts.isPropertyAssignment(x.parent);
    const isType = TYPE_KEYWORDS.has(x.kind) || isInTypePosition(x);
    const kind = isKey ? 'key' : LITERAL_KINDS.has(x.kind) ? 'literal' : isType ? 'type' : isProperty ? 'property' : 'name';
    const earlier = seen.get(key);
    // `ZodOptional<T>` as a type, then `new ZodOptional(…)` as a value: the class is a value the copies build, not only a type.
    if (earlier?.kind === 'type' && kind !== 'type') earlier.kind = kind;
    const role = roleOf(x);
    // `x !== T.undefined`, then `expected: T.undefined`: the value's role shows where it is stored.
    if (earlier && role && !earlier.role) earlier.role = role;
    if (earlier && isAssigned(x)) earlier.written = true;
    if (earlier) continue;
    const difference: Difference = {
      a: textA,
      b: textB,
      kind,
      ...(role ? { role } : {}),
      ...(isCalled(x) && isCalled(y) ? { called: true } : {}),
      ...(kind === 'property' ? methodOf(x, y, sfA) : {}),
      ...(comparedWith(x) ? { compared: comparedWith(x) } : {}),
      ...(isTypeOfCompared(x) ? { typeOf: true } : {}),
      ...(isAssigned(x) ? { written: true } : {}),
      ...(from ? { from } : {}),
      ...(own ? { own } : {}),
    };
    seen.set(key, difference);
    found.push(difference);
  }
  return found;
}

/** The function that holds a copy, else the class (a copied class body), else `<top level>`. */
export function holderOf(file: SourceFile, whole: Location): string {
  const range = withoutClosers(file, whole);
  const fn = enclosingFunction(file, range)?.name;
  if (fn !== undefined) return fn;
  return holderClass(file, range);
}

/** The function that holds a copy, if any. */
export const holderFunction = (file: SourceFile, whole: Location): FunctionInfo | undefined =>
  enclosingFunction(file, withoutClosers(file, whole));

function holderClass(file: SourceFile, range: Location): string {
  const sf = parse(file);
  const holder = sf.statements.find(
    (s) => ts.isClassDeclaration(s) && lineAt(sf, s.getStart(sf)) <= range.startLine && lineAt(sf, s.getEnd()) >= range.endLine,
  );
  return holder && ts.isClassDeclaration(holder) && holder.name ? `class ${holder.name.text}` : '<top level>';
}

/** The range without its last lines that only close brackets: a copy ending on its class's `}` is still the method's. */
function withoutClosers(file: SourceFile, range: Location): Location {
  const starts = parse(file).getLineStarts(); // the parse is cached; splitting a 5,000-line file per copy is not
  const line = (n: number): string => file.content.slice(starts[n - 1] ?? 0, starts[n] ?? file.content.length);
  let endLine = range.endLine;
  while (endLine > range.startLine && /^[\s)}\];,]*$/.test(line(endLine))) endLine--;
  return { ...range, endLine };
}

/** Where a helper of copies in these files goes: their one file, else the nearest directory they all share. */
export function homeOf(...paths: string[]): string {
  const [first = './', ...rest] = paths;
  if (rest.every((p) => p === first)) return first;
  const dirs = paths.map((p) => posix.dirname(p).split('/'));
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0]?.[i]); i++) common.push(dirs[0]?.[i] as string);
  return common.length === 0 || (common.length === 1 && common[0] === '.') ? './' : `${common.join('/')}/`;
}

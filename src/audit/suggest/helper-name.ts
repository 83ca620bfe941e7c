// A name for the helper that replaces the copies: the words their holders share (`writeToStdout` / `writeToStderr` →
// `writeTo`), or the call a checked copy makes (`statFile`). A word the holders share that does not start both their
// names (`responseMeta` / `initResponse` → `response`) is where the copies sit, not what they do: a copy that only
// changes a value its caller passes and gives nothing back is named by that change instead (`resHeaders.append(…)`
// twice → `appendHeaders`), or not at all.
import ts from '../compiler.cjs';
import { listFunctions } from '../functions.js';
import type { Location, SourceFile } from '../types.js';
import type { BlockInterface } from './block-interface.js';
import { checkedCallName } from './checked-call.js';
import { statementsIn } from './copy-shape.js';
import { camelOf, commonWords, wordsOf } from './words.js';

export function helperNameOf(
  holders: [string, string],
  copy: { file: SourceFile; range: Location; io: BlockInterface },
  scope: ReadonlySet<string>,
): string | undefined {
  const { file, range, io } = copy;
  const byHolders = holderName(...holders);
  // Words both holders start with (`writeTo`, `applyStyles`) are what they do; any other shared word is only where the
  // copies sit, kept unless the copy's effect says otherwise (or says the same: `writeTo` for `stream.write(…)` twice).
  const effect = byHolders && !leadsBoth(byHolders, holders) ? effectOf(file, range, io) : undefined;
  if (effect) return untaken(wordsOf(byHolders ?? '')[0] === effect.verb ? byHolders : effect.name, file, scope);
  return untaken(byHolders, file, scope) ?? untaken(checkedCallName(file, range), file, scope);
}

/** The short name of a holder: `fetchRequestHandler.responseMeta` → `responseMeta`. */
const shortOf = (holder: string): string =>
  holder
    .replace(/^class /, '')
    .split('.')
    .at(-1) ?? holder;

/**
 * `name` starts with the first word of both holders' names (`applyStyles` of `applyFlexStyles` / `applyDimensionStyles`),
 * words of anonymous holders aside (`partialWithMask` of `test("partial with mask") callback`).
 */
const leadsBoth = (name: string, holders: [string, string]): boolean =>
  holders.every((h) => wordsOf(shortOf(h)).find((w) => !HOLDER_WORDS.has(w)) === wordsOf(name)[0]);

/** Words of an anonymous holder's name (`fetch callback`, `returned function`) and accessors: not the helper's job. */
const HOLDER_WORDS = new Set(['test', 'callback', 'it', 'describe', 'anonymous', 'returned', 'inner', 'function', 'get', 'set']);

/**
 * From the words the two holders' names share. Undefined when none fits: a name made of the calls or comments in the
 * block reads as noise.
 */
function holderName(holderA: string, holderB: string): string | undefined {
  const [shortA, shortB] = [shortOf(holderA), shortOf(holderB)];
  // Same-named holders (`ZodA._parse`, `ZodB._parse`) would only lend the helper their own name again.
  if (shortA === shortB || shortA.startsWith('<') || shortB.startsWith('<')) return undefined;
  const shared = commonWords(shortA, shortB).filter((w) => !HOLDER_WORDS.has(w));
  // One short word both share (`max` of `maxLength` / `maxValue`) reads as what the helper finds: `maxOf(checks)`.
  const name = shared.length === 1 && camelOf(shared).length < 4 ? `${camelOf(shared)}Of` : camelOf(shared);
  return shared.length === 0 || name.length < 4 ? undefined : name;
}

/**
 * A copy that gives nothing back (no value its function uses after it, no `return` of a value) and calls methods of a
 * value its function passes in for their effect (`headers.append(key, value);`): what it does is that change. Its name is the method
 * called most, at least twice, and the receiver's last word (`appendHeaders`); undefined (no name) when no call repeats.
 */
function effectOf(file: SourceFile, range: Location, io: BlockInterface): { verb: string; name: string | undefined } | undefined {
  if (io.outputs.length > 0) return undefined;
  const calls = new Map<string, { method: string; receiver: string; count: number }>();
  let returns = false;
  const visit = (node: ts.Node, nested: boolean): void => {
    if (ts.isReturnStatement(node) && node.expression && !nested) returns = true;
    const call = effectCall(node);
    if (call && ts.isIdentifier(call.receiver) && io.inputs.includes(call.receiver.text)) {
      const key = `${call.method} ${call.receiver.text}`;
      const seen = calls.get(key) ?? { method: call.method, receiver: call.receiver.text, count: 0 };
      calls.set(key, { ...seen, count: seen.count + 1 });
    }
    ts.forEachChild(node, (child) => visit(child, nested || (ts.isFunctionLike(node) && !top.has(node))));
  };
  // A copy that is a whole function: its own `return` gives back a value, a callback's inside it does not.
  const top = new Set<ts.Node>(statementsIn(file, range));
  for (const statement of top) visit(statement, false);
  const [most] = [...calls.values()].sort((x, y) => y.count - x.count);
  if (returns || !most) return undefined;
  const [verb = most.method, ...rest] = wordsOf(most.method);
  const object = wordsOf(most.receiver).at(-1) ?? '';
  return { verb, name: most.count >= 2 ? camelOf([verb, ...rest, object]) : undefined };
}

/** `receiver.method(…);` as a statement of its own (awaited or not): a call made for what it changes, its result unused. */
function effectCall(node: ts.Node): { receiver: ts.Expression; method: string } | undefined {
  if (!ts.isExpressionStatement(node)) return undefined;
  const called = ts.isAwaitExpression(node.expression) ? node.expression.expression : node.expression;
  if (!ts.isCallExpression(called) || !ts.isPropertyAccessExpression(called.expression)) return undefined;
  return { receiver: called.expression.expression, method: called.expression.name.text };
}

/** The name, unless the file declares (a function's own name) or imports it: a helper under it would collide. */
export function untaken(name: string | undefined, file: SourceFile, scope: ReadonlySet<string>): string | undefined {
  const taken = new Set(
    listFunctions(file).map((f) =>
      f.name
        .split('.')
        .at(-1)
        ?.replace(/^[_#]+/, ''),
    ),
  );
  return name === undefined || taken.has(name) || scope.has(name) ? undefined : name;
}

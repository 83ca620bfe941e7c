// The signature of the helper that replaces copied blocks, as an extract-method
// refactoring would write it: the function's variables the block reads, the
// object state it reads (unless the helper stays a method of the same class),
// then the values that differ between the copies, and what it returns.
import type { Difference, DuplicateFacts } from '../suggest/duplicate.js';
import type { Narrowed } from '../suggest/narrowing.js';
import { showDifference } from './duplicate-bar.js';
import { parameterName } from './parameter-names.js';
import { camelOf, wordsOf } from '../suggest/words.js';

export interface HelperSignature {
  /** Parameter names, in order. */
  names: string[];
  /** How each parameter is filled at the first copy's call site, shown beside its name. */
  sources: string[];
  /** Variables the block declares that its function still uses afterwards. */
  returns: string[];
  /** Types the copies differ in (`` `number` / `bigint` ``): a type parameter of the helper, or a type both share. */
  types?: string[];
  /** The helper is a method (of the holders' class, or of the base both extend): it reads `this` itself. */
  method?: boolean;
  /** A function only its own file calls (the copies are in one file): module-private, not exported. */
  local?: boolean;
  /** The copies call React hooks, or are a hook's callback: the helper is a custom hook (see proposal-text/hooks.ts). */
  hook?: boolean;
  /** The two types as written (`number`, `bigint`), when they reach what the helper returns: each caller's type must stay its own. */
  returnedTypes?: [string, string];
  /** What it returns is a member of an item it narrows by a discriminant (see suggest/narrowing.ts). */
  narrowed?: Narrowed;
}

/**
 * Copies that all see one class's `this` (members of the class, or arrows inside them): the helper is a method of that
 * class. Copies in plain functions, callbacks or function components (`App.focusNext` is a component's callback, not a
 * member of a class `App`) share a function.
 */
export const sameClass = (owners: readonly (string | undefined)[]): boolean =>
  owners[0] !== undefined && owners.every((o) => o === owners[0]);

/** `owners`: the class each copy sees, every copy's when there are more than two (the facts hold the first two). */
export function helperSignature(
  facts: DuplicateFacts | null,
  differences: readonly Difference[],
  owners: readonly (string | undefined)[] | undefined = facts?.owners,
): HelperSignature {
  if (!facts) return { names: [], sources: [], returns: [] };
  // A method of the same class, or a protected method of the base both classes extend, reads `this` itself.
  const method = sameClass(owners ?? facts.owners) || facts.sharedBase !== undefined;
  // A module-private function beside a public base takes the instance itself, not each member it reads.
  const state = method ? [] : facts.instanceOf !== undefined ? ['this'] : facts.io.state;
  const scope = { module: facts.scope, holders: facts.holders };
  const taken = new Set<string>();
  const named = (name: string, source: string) => {
    taken.add(name);
    return { name, source };
  };
  const renamed = (input: string) => differences.find((d) => d.input && d.a === input);
  const raw = [
    // The instance a module-private function takes comes first, as `this` does.
    ...(facts.instanceOf !== undefined ? state.map((path) => named(stateName(path), path)) : []),
    // A variable each copy names differently (`realPath` / `fullPath`) is named by what it is, not by the first copy.
    // A local helper in the function around both copies reads from its scope what both read there (not a hook's, not a method's).
    ...facts.io.inputs
      .filter((input) => method || facts.hook !== undefined || !facts.localScope?.names.includes(input))
      .map((input) => {
        const d = renamed(input);
        return d ? named(parameterName(d, 0, scope, taken), `\`${d.a}\` / \`${d.b}\``) : named(input, input);
      }),
    ...(facts.instanceOf === undefined ? state.map((path) => named(stateName(path), path)) : []),
  ];
  // A difference between two of the functions' own variables is already an input; a type difference is a type parameter.
  differences
    .filter((d) => !d.input && d.kind !== 'key' && d.kind !== 'type')
    .forEach((d, i) => {
      const name = parameterName(d, i, scope, taken);
      raw.push(named(name, d.method ? methodKey(d, name) : showDifference(d)));
    });
  const names = raw.map((p, i) => (raw.findIndex((q) => q.name === p.name) === i ? p.name : `${p.name}${i + 1}`));
  return {
    names,
    sources: raw.map((p) => p.source),
    returns: facts.io.outputs,
    types: differences.filter((d) => d.kind === 'type').map(showDifference),
    method,
    ...(facts.hook ? { hook: true } : {}),
    ...returnedTypes(facts, differences),
  };
}

/**
 * A method's name as the helper's key: typed as the union of both names and called on its receiver, since a method passed
 * as a value (`findFn`) loses its `this`; a callback each caller passes is the other way.
 */
const methodKey = (d: Difference, name: string): string =>
  `\`'${d.a}' | '${d.b}'\`, a method's name, called as \`${d.method?.receiver}[${name}](…)\`; ` +
  `or a callback each caller passes, \`(items) => items.${d.a}(…)\``;

/** The first type difference, when it is in what the helper returns: the declared type of its output, or the member it returns. */
function returnedTypes(facts: DuplicateFacts, differences: readonly Difference[]): Pick<HelperSignature, 'returnedTypes' | 'narrowed'> {
  const type = differences.find((d) => d.kind === 'type');
  const narrowed = facts.io.narrowed;
  if (!type || facts.io.outputs.length === 0) return {};
  return { returnedTypes: [type.a, type.b], ...(narrowed ? { narrowed } : {}) };
}

/**
 * A name for the helper of sibling methods of one name (`ZodSymbol._parse`, `ZodNull._parse`, …), whose own names lend
 * none: the method's word and what its first differing parameter names (`parse` + `expectedParsedType` → `parseParsedType`).
 */
export function siblingHelperName(facts: DuplicateFacts | null, signature: HelperSignature): string | undefined {
  const methods = facts?.holders.map(
    (h) =>
      h
        .split('.')
        .at(-1)
        ?.replace(/^[_#]+/, '') ?? '',
  );
  const method = methods?.[0];
  if (!facts || !method || methods?.some((m) => m !== method)) return undefined;
  const differing = signature.names.find((n, i) => signature.sources[i]?.startsWith('`'));
  const words = differing ? wordsOf(differing).slice(-2) : [];
  const name = camelOf([...wordsOf(method), ...words.filter((w) => !wordsOf(method).includes(w))]);
  return words.length > 0 && !facts.scope.has(name) ? name : undefined;
}

/** `this._def.checks` → `checks`; `this.#queue` → `queue`; `this` → `self`. */
function stateName(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return last === 'this' ? 'self' : last.replace(/^[#_]+/, '') || 'state';
}

/** `name(a, b)` returning `x`, or "one function taking (a, b)" when no name fits. */
export function signatureText(name: string | undefined, signature: HelperSignature, maxShown: number): string {
  const shown = signature.names.slice(0, maxShown);
  const parameters = shown.join(', ') + (signature.names.length > maxShown ? ', …' : '');
  const returns =
    signature.returns.length === 0
      ? ''
      : ` returning ${signature.returns.length === 1 ? `\`${signature.returns[0]}\`` : `\`{ ${signature.returns.join(', ')} }\``}`;
  if (name) return `\`${name}(${parameters})\`${returns}`;
  const kind = `one ${signature.hook ? 'custom hook' : signature.method ? 'method' : signature.local ? 'module-private function' : 'function'}`;
  return (parameters === '' ? kind : `${kind} taking \`(${parameters})\``) + returns;
}

/** "Parameters: `checks` (from `this._def.checks`), …" — only what is not obvious from the name — then the types that differ. */
export function parameterSources(signature: HelperSignature, maxShown: number): string | undefined {
  const shown = signature.names.slice(0, maxShown).map((name, i) => {
    const source = signature.sources[i] as string;
    return source === name ? `\`${name}\`` : `\`${name}\` (${source.startsWith('`') ? source : `from \`${source}\``})`;
  });
  const more = signature.names.length - shown.length;
  const parameters = shown.length === 0 ? '' : `Parameters: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
  const types = signature.types ?? [];
  const typed =
    types.length === 0
      ? ''
      : signature.returnedTypes
        ? keepingTypes(signature, signature.returnedTypes, types)
        : `Types that differ (${types.slice(0, 2).join(', ')}): a type parameter, or the type both share.`;
  return [parameters, typed].filter((line) => line !== '').join('\n') || undefined;
}

/**
 * Types that differ in what the helper returns (zod's `max` is `number | null` in one getter, `bigint | null` in another):
 * the type both share would widen every caller's return type, public getters included, so it is not offered. A generic
 * over the items it narrows keeps each caller's type; without such items, a type parameter inferred from an argument.
 */
function keepingTypes(signature: HelperSignature, [a, b]: [string, string], types: readonly string[]): string {
  const output = signature.returns[0] ?? 'what it returns';
  const both = `${a} | ${b}`;
  const head =
    `Types that differ (${types.slice(0, 2).join(', ')}) are in what it returns (\`${output}\`), so each caller's return type ` +
    `is its own: the type both share (\`${both}\`) would widen them, public ones included. Keep each caller's type: `;
  const n = signature.narrowed;
  const parameter = n ? signature.names[signature.sources.indexOf(n.over)] : undefined;
  if (!n || !parameter)
    return `${head}a type parameter \`T extends ${both}\` inferred from an argument, or one overload per caller's type.`;
  const item = `Extract<C, { ${n.key}: ${n.literal}; ${n.member}: ${both} }>`;
  const escaped = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const returns = n.outputType ? n.outputType.replace(new RegExp(`\\b${escaped}\\b`), `${item}["${n.member}"]`) : `${item}["${n.member}"]`;
  return (
    `${head}make it generic over the items of \`${parameter}\`, \`<C extends { ${n.key}: string }>(${parameter}: readonly C[])\`, ` +
    `returning \`${returns}\` (\`${n.output}\` declared with that type), and read \`${n.item}.${n.member}\` as ` +
    `\`(${n.item} as ${item}).${n.member}\`, since a \`${n.key}\` test does not narrow a type parameter.`
  );
}

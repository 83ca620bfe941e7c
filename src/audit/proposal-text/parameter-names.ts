// Names for a shared helper's parameters, by the role each value plays rather than after the
// first copy's token: never a name the helper's file already declares (the parameter would
// shadow it), never just one of the values it stands for, and unique within the signature.
import type { Difference } from '../suggest/duplicate.js';
import { camelOf, commonWords, wordsOf } from '../suggest/words.js';
import { plainRole, siblingRole } from './sibling-roles.js';

export interface NamingScope {
  /** Names declared at the top level of the helper's file, or imported there. */
  module: ReadonlySet<string>;
  /** The copies' enclosing functions (`betaWriteTool.run`, `betaEditTool.run`). */
  holders: readonly [string, string];
}

const RESERVED = new Set(['undefined', 'null', 'true', 'false', 'this', 'void', 'new', 'typeof', 'default']);

/** A role's word swapped for one that names the same thing without clashing: `ipv4Regex` → `ipv4Pattern`. */
const SYNONYMS: Record<string, string> = {
  regex: 'pattern',
  re: 'pattern',
  regexp: 'pattern',
  pattern: 'regex',
  path: 'filePath',
  fn: 'callback',
  callback: 'fn',
  name: 'label',
  type: 'kind',
  kind: 'variant',
  stat: 'stats',
  string: 'text',
};

/** The parameter name for one difference between the copies; `taken` holds the names already given. */
export function parameterName(d: Difference, position: number, scope: NamingScope, taken: ReadonlySet<string>): string {
  let name = roleWords(d, scope) ?? `value${position + 1}`;
  if (d.called && !isMethodName(d) && !/fn$/i.test(name)) name = `${name}Fn`;
  const clashes = (candidate: string) => taken.has(candidate) || RESERVED.has(candidate) || scope.module.has(candidate);
  if (clashes(name)) name = swapLastWord(name);
  for (let n = 2; clashes(name); n++) name = `${name.replace(/\d+$/, '')}${n}`;
  return name;
}

/** What the value is, in words: its key or message role, what the two values share, or the holders' shared noun. */
function roleWords(d: Difference, scope: NamingScope): string | undefined {
  const [a, b] = [fragmentOf(d.a, d.b), fragmentOf(d.b, d.a)];
  // `write` / `edit` in `betaWriteTool` / `betaEditTool`: the value names what tells the holders apart (their `tool`).
  if (d.role && d.role !== 'message') return d.role;
  // `typeof value === 'function'` / `'object'`: the type the value is expected to have.
  if (d.typeOf) return 'expectedType';
  // `parsedType !== ZodParsedType.null`, split from where the same value is stored: what `parsedType` is expected to be.
  if (d.compared && d.values) return `expected${d.compared.charAt(0).toUpperCase()}${d.compared.slice(1)}`;
  const noun = holderNoun(a, b, scope.holders);
  if (noun) return noun;
  // A word or two that differ in a message mostly shared (`with a ${'function'} value`): which kind it names, not the
  // message; texts that share little (`Token endpoint …` / `User OAuth refresh …`) are each their own `message`.
  if (d.role === 'message' && isPiece(d) && a.length * 2 < d.a.length && b.length * 2 < d.b.length) return 'kind';
  if (d.role) return d.role;
  if (d.kind !== 'name' && d.kind !== 'property') return undefined;
  // `current.find(…)` / `current.findLast(…)`: a method's name is no value; the helper takes it as a key (`current[method](…)`).
  if (isMethodName(d)) return 'method';
  // A property written under two names is a key (below), whatever the names.
  const sibling = d.kind === 'property' && d.written ? undefined : siblingRole(d.a, d.b);
  if (sibling) return sibling;
  // Whole words both names share; never a piece of a word (`able` of `interceptable` / `listenable`).
  const shared = commonWords(d.a, d.b);
  if (shared.length > 0) return camelOf(shared);
  // One name ending in the other (`lstat` / `stat`): that word.
  const suffix = commonEnd(d.a.toLowerCase(), d.b.toLowerCase());
  if (suffix.length >= 3 && [d.a, d.b].some((name) => wordsOf(name).join('') === suffix)) return suffix;
  if (d.compared) return `expected${d.compared.charAt(0).toUpperCase()}${d.compared.slice(1)}`;
  // A property each copy writes under its own name (`interceptors_` / `changeListeners_`): the helper takes its key.
  // One they only read (`options.stdout` / `options.stderr`) is passed as its value, named below.
  if (d.kind === 'property' && d.written) return 'key';
  // Nothing shared (`interceptable` / `listenable`): a plain role, never one side's own name.
  return plainRole(d.called);
}

/** Both copies call a member by another name (`current.find(…)` / `current.findLast(…)`): the difference is a method's name. */
export const isMethodName = (d: Difference): boolean => d.method !== undefined;

const commonEnd = (a: string, b: string): string => {
  let n = 0;
  while (n < a.length && n < b.length && a.at(-1 - n) === b.at(-1 - n)) n++;
  return a.slice(a.length - n).replace(/^[^a-z]+/, '');
};

/** Two texts (pieces of a template, or strings), of which the words that differ are a part (duplicate-bar.ts `showDifference`). */
const isPiece = (d: Difference): boolean => d.kind === 'literal' && /^[`}'"]/.test(d.a) && /^[`}'"]/.test(d.b);

/** Words that join a name but name nothing themselves (`writeTo…`, `getFor…`). */
const FUNCTION_WORDS = new Set(['to', 'of', 'for', 'in', 'on', 'from', 'by', 'with', 'and', 'or', 'get', 'set', 'is', 'has', 'do', 'run']);

/** The last word two holders share when the values are exactly the words in which they differ. */
function holderNoun(a: string, b: string, holders: readonly [string, string]): string | undefined {
  const [ha, hb] = holders.map((h) => wordsOf(h.split('.')[0] ?? h)) as [string[], string[]];
  const onlyA = ha.filter((w) => !hb.includes(w));
  const onlyB = hb.filter((w) => !ha.includes(w));
  const matches = onlyA.join(' ') === wordsOf(a).join(' ') && onlyB.join(' ') === wordsOf(b).join(' ') && onlyA.length > 0;
  const noun = ha.filter((w) => hb.includes(w)).at(-1);
  // The head of a compound name comes last (`writeTool`: a tool); a shared first word is a verb or prefix (`useInput`).
  const last = (words: string[], only: string[]) => words.lastIndexOf(noun ?? '') > Math.max(...only.map((w) => words.indexOf(w)));
  const head = noun !== undefined && last(ha, onlyA) && last(hb, onlyB);
  return matches && head && noun.length > 2 && !FUNCTION_WORDS.has(noun) ? noun : undefined;
}

/** What differs between two texts, common head and tail cut at word edges: `` `write: ${`` / `` `edit: ${`` → `write`. */
export function fragmentOf(text: string, other: string): string {
  let start = 0;
  while (start < text.length && start < other.length && text[start] === other[start]) start++;
  while (start > 0 && /\w/.test(text[start - 1] ?? '')) start--;
  let end = 0;
  while (end < text.length - start && end < other.length - start && text.at(-1 - end) === other.at(-1 - end)) end++;
  while (end > 0 && /\w/.test(text.at(-end) ?? '')) end--;
  return text.slice(start, text.length - end).trim();
}

function swapLastWord(name: string): string {
  const words = wordsOf(name);
  const last = words.at(-1);
  const swapped = last === undefined ? undefined : SYNONYMS[last];
  return swapped ? camelOf([...words.slice(0, -1), ...wordsOf(swapped)]) : `${name}Value`;
}

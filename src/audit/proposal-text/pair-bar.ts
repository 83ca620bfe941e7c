// Two copies big enough to clear the rule of three that still read better as two than as one helper, because of what
// the helper would have to take: a property's or method's name as a string, a subscribe/unsubscribe effect (React
// boilerplate), or a type no argument carries.
import { blockInterface } from '../suggest/block-interface.js';
import { castOnly } from '../suggest/cast-types.js';
import type { Difference, DuplicateFacts } from '../suggest/duplicate.js';
import { isSubscribeEffect } from '../suggest/subscribe-effect.js';
import type { Location } from '../types.js';
import type { CodeIndex } from './context.js';

/**
 * Up to this many lines, two copies whose helper would take a name as a string key (`items[method](…)`, `target[key] = …`)
 * read better as two: a name passed as a string escapes rename refactorings and the type checker's find-references, and
 * a minifier that mangles properties (MobX's build mangles `_`-suffixed ones) leaves the string behind, breaking only the
 * production build. Ink's 16-line `focusNext` / `focusPrevious`, MobX's 13-line `registerInterceptor` / `registerListener`.
 */
const MAX_KEYED_PAIR_LINES = 20;
/** Up to this many lines, a subscribe/unsubscribe effect is read on sight: a shared hook pays from three copies. */
const MAX_EFFECT_PAIR_LINES = 15;
/** Up to this many lines, a helper generic over a type no argument carries costs more than the two copies. */
const MAX_CAST_PAIR_LINES = 10;

export interface PairInput {
  copyLines: number;
  differences: readonly Difference[];
  facts: DuplicateFacts | null;
  locations: readonly Location[];
}

const shown = (d: Difference): string => `\`${d.a}\` / \`${d.b}\``;

/** A name the helper would take as a string: a method both copies call by another name, or a property each writes. */
const isKey = (d: Difference): boolean => d.kind === 'property' && (d.method !== undefined || d.written === true);

/** Why two copies that pass the rule of three still read better as two, if they do. */
export function pairBar({ copyLines, differences, facts, locations }: PairInput, index: CodeIndex): string | undefined {
  if (locations.length !== 2) return undefined;
  const files = locations.map((l) => index.file(l.path));
  const [a, b] = locations as [Location, Location];
  const [fileA, fileB] = files;
  if (!fileA || !fileB) return undefined;
  const key = differences.find(isKey);
  if (key && copyLines <= MAX_KEYED_PAIR_LINES) {
    const what = key.method ? `call other methods (${shown(key)})` : `write other properties (${shown(key)})`;
    const as = key.method ? `\`${key.method.receiver}[method](…)\`` : '`target[key]`';
    return (
      `two ${copyLines}-line copies that ${what}: the helper would take the name as a string (${as}), which renames and ` +
      'property-mangling minifiers miss; two short copies read better'
    );
  }
  if (copyLines <= MAX_EFFECT_PAIR_LINES && isSubscribeEffect(fileA, a) && isSubscribeEffect(fileB, b))
    return (
      `two ${copyLines}-line effects that subscribe and return the cleanup that unsubscribes: idiomatic React, read on sight; ` +
      'a shared hook pays from three copies'
    );
  const types = differences.filter((d) => d.kind === 'type');
  if (facts && copyLines <= MAX_CAST_PAIR_LINES && types.length > 0 && types.length === differences.length) {
    const inputs = [facts.io.inputs, blockInterface(fileB, b).inputs];
    const casts = types.every((t) => castOnly(fileA, a, t.a, inputs[0] ?? []) && castOnly(fileB, b, t.b, inputs[1] ?? []));
    if (casts)
      return (
        `two ${copyLines}-line copies that differ only in the types they cast to (${types.slice(0, 2).map(shown).join(', ')}), ` +
        'which no argument carries: the helper needs a type parameter each caller spells out (the cast moved) or a union ' +
        'return each caller casts back, more type machinery than the copies'
      );
  }
  return undefined;
}

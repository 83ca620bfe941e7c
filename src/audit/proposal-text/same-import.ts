// One name imported through two paths (`isObject` from `../unstable-core-do-not-import` in one file, from `../utils` in
// the other, a barrel and the module it re-exports) is one thing, not a difference a helper takes as a parameter. Two
// modules that each declare the name (`APIError` from `@anthropic-ai/sdk` / `openai`) stay a difference.
import type { Difference } from '../suggest/duplicate.js';
import type { CodeIndex } from './context.js';

export interface OneOrigin {
  differences: Difference[];
  /** "Import `isObject` from one place: …", when a name was reached through two paths; else undefined. */
  note?: string;
}

/** The differences without names whose imports in every copy's file lead to one declaring module. */
export function oneOrigin(differences: readonly Difference[], paths: readonly string[], index: CodeIndex): OneOrigin {
  const same: Array<[Difference, string]> = [];
  const kept = differences.filter((d) => {
    if (!d.from) return true;
    const declarers = [...new Set(paths)].map((path) => index.declarer(path, d.a));
    const [first] = declarers;
    if (first === undefined || declarers.some((declarer) => declarer !== first)) return true;
    same.push([d, first]);
    return false;
  });
  const notes = same.map(([d, declarer]) => `\`${d.a}\` (\`${d.from?.[0]}\` and \`${d.from?.[1]}\` both lead to ${declarer})`);
  return {
    differences: kept,
    ...(notes.length > 0
      ? { note: `Import ${notes.join(', ')} from one place: the same ${notes.length > 1 ? 'names' : 'name'}, not a parameter.` }
      : {}),
  };
}

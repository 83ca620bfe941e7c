// What the fix says of how the copies' code differs besides their values: a stretch written differently (each caller
// keeps its own, or one is settled on purpose), and a member read with `?.` in one copy only, which needs neither.
import type { DuplicateFacts } from '../suggest/duplicate.js';
import type { OptionalChain } from '../suggest/optional-chain.js';
import { reshapedNote } from '../suggest/reshaped.js';
import { camelOf, wordsOf } from '../suggest/words.js';
import type { SourceFile } from '../types.js';

export function shapeNotes(facts: DuplicateFacts | null, files: [SourceFile, SourceFile]): string[] {
  const notes = [reshapedNote(facts?.reshaped, files), facts?.optionalChain && optionalChainNote(facts.optionalChain, files)];
  return notes.filter((note): note is string => note !== undefined && note !== '');
}

/** The value the helper takes for a member read with `?.` in one copy: `metaHeaders` for `meta?.headers`. */
const memberValue = (chain: OptionalChain): string => camelOf([...wordsOf(chain.base), ...wordsOf(chain.member)]);

/** When the copies read nothing of `meta` but `meta.headers`, the helper takes that value (`metaHeaders`), not `meta`. */
export function chainedInput<F extends DuplicateFacts>(facts: F): F {
  const chain = facts.optionalChain;
  if (!chain?.onlyMember || !facts.io.inputs.includes(chain.base)) return facts;
  const inputs = facts.io.inputs.map((input) => (input === chain.base ? memberValue(chain) : input));
  return { ...facts, io: { ...facts.io, inputs } };
}

/**
 * "`meta?.headers` (a.ts:64) and `meta.headers` (b.ts:177) are one read: `meta` may be undefined at the first. The helper
 * takes `meta.headers` …": what both callers can pass, not a part each keeps its own.
 */
export function optionalChainNote(chain: OptionalChain, [fa, fb]: [SourceFile, SourceFile]): string {
  const { base, member, optionalIn, lines } = chain;
  const [optional, plain] =
    optionalIn === 0 ? [`${fa.path}:${lines[0]}`, `${fb.path}:${lines[1]}`] : [`${fb.path}:${lines[1]}`, `${fa.path}:${lines[0]}`];
  const read = `\`${base}.${member}\``;
  const safe = `\`${base}?.${member}\``;
  const takes = chain.onlyMember
    ? `The helper reads nothing of \`${base}\` but ${read}: it takes that value (\`${memberValue(chain)}\`) instead of \`${base}\`, ` +
      `and the caller at ${optional} passes ${safe}.`
    : `The helper takes \`${base}\` as possibly undefined and reads ${safe}, which both callers' values pass.`;
  return `${safe} (${optional}) and ${read} (${plain}) are one read, not a difference in shape: \`${base}\` may be undefined at the first. ${takes}`;
}

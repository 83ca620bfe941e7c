// A complex function made of twin branches: write the branch once, with the concrete difference as its parameter.
import { lineRange } from '../../shared/location.js';
import type { SwappedMember } from '../suggest/member-types.js';
import type { TwinBranches } from '../suggest/twin-branches.js';
import { listOf } from '../suggest/words.js';
import { lineSpan, type ProposalWords } from './context.js';
import { showDifference } from './duplicate-bar.js';
import { genericFix } from './generic-twin.js';

export interface TwinContext {
  over: string[];
  untested: boolean;
  value: number;
  /** A marker in the function asking for this (`// TODO refactor`), quoted in the why. */
  marker?: string;
  /** The members the swapped word selects, with their types (see suggest/member-types.ts). */
  members?: SwappedMember[];
  /** A name already used in the function's file: the helper's name must not be one. */
  taken?: (name: string) => boolean;
}

/** Twin branches over members of different types, up to this many lines each, stay findings. */
const MAX_GENERIC_TWIN_LINES = 15;

export function describeTwins(name: string, twins: TwinBranches, context: TwinContext): ProposalWords {
  const { over, untested, value, marker } = context;
  const [a, b] = [twins.first, twins.second].map((l) => lineRange(l.path, l.startLine, l.endLine)) as [string, string];
  const differs = listOf(twins.differences.map(showDifference), 4);
  const lines = Math.min(lineSpan(twins.first), lineSpan(twins.second));
  const generic = twins.key && context.members?.some((m) => m.differ);
  const parameter = twins.key
    ? `a local function taking the word they swap, \`key: '${twins.key[0]}' | '${twins.key[1]}'\` ` +
      `called once for each, or a loop over \`['${twins.key[0]}', '${twins.key[1]}'] as const\``
    : `a local function taking what differs (${differs}), called once for each`;
  return {
    title: `Merge the twin branches of \`${name}\` into one`,
    why:
      `\`${name}\` is two copies of one ${lines}-line branch (${a} and ${b}), the same code ` +
      `${twins.key ? `with \`${twins.key[0]}\` where the other has \`${twins.key[1]}\`` : `apart from ${differs}`}: ` +
      `${listOf(over, 2)}${marker ? `, and its own \`${marker}\` asks for the change` : ''}. ` +
      'Written once, the branch is read and fixed in one place, and a fix cannot miss its twin.',
    fix: [
      `Twin branches: ${a} and ${b}, differing only in ` +
        `${twins.key ? `\`${twins.key[0]}\` / \`${twins.key[1]}\`, in every form (${differs})` : differs}.`,
      twins.key && generic
        ? genericFix(name, twins.key, context.members ?? [], context.taken ?? (() => false))
        : `Write the branch once, as ${parameter}.`,
    ].join('\n'),
    acceptance: [
      `The branch exists once: \`${name}\` runs it for each of the two cases`,
      `The behaviour of \`${name}\` is unchanged: its tests pass without assertion edits`,
      ...(untested ? [`Before the change, a test pins what \`${name}\` does in both cases`] : []),
    ],
    change: { lines: lines * 2, files: 1, reach: 0, untested },
    value: value + lines,
    concrete: true,
    locations: [twins.first, twins.second],
    // Members of different types take a generic helper with a parameter per value that differs: for a short branch,
    // about as long as the twins it replaces (Ajv's 10-line `addEvaluatedFrom` branches), so no saving to propose.
    ...(generic && lines <= MAX_GENERIC_TWIN_LINES
      ? { belowBar: `${lines}-line twins over members of different types: the generic helper is about as long as they are` }
      : {}),
  };
}

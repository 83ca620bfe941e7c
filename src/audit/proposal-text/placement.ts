// Where a duplicate's shared helper goes, said in the fix.
import type { DuplicateFacts } from '../suggest/duplicate.js';
import { shownHolder } from './holders.js';

/** The closure the helper goes beside; a custom hook stays at module level (hooks are not declared in components). */
export const placedBeside = (facts: DuplicateFacts | null) => (facts?.hook ? undefined : facts?.closure);

/**
 * Where the helper goes: on the base class both holders extend (a protected method) when only a member reaches what the
 * copies read; beside an exported base, a module-private function taking the instance (the base gains no public member).
 */
export const placeOf = (facts: DuplicateFacts | null, elsewhere: string): string =>
  placedBeside(facts)
    ? `inside ${shownHolder(facts?.closure?.holder ?? '', '')}, beside \`${facts?.closure?.name}\` (declared there, and the copies call it)`
    : facts?.sharedBase
      ? `on \`${facts.sharedBase}\` (a protected method of the class they extend)`
      : facts?.instanceOf
        ? `${elsewhere} as a module-private function taking the instance (\`self: ${facts.instanceOf}\`; ` +
          `a member of the exported \`${facts.instanceOf}\` would add to its public API)`
        : elsewhere;

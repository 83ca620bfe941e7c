// Where a duplicate's shared helper goes, said in the fix.
import type { DuplicateFacts } from '../suggest/duplicate.js';
import { sameClass } from './helper-signature.js';
import { shownHolder } from './holders.js';

/** The closure the helper goes beside; a custom hook stays at module level (hooks are not declared in components). */
export const placedBeside = (facts: DuplicateFacts | null) => (facts?.hook ? undefined : facts?.closure);

/**
 * Where the helper goes: on the base class both holders extend (a protected method) when only a member reaches what the
 * copies read; beside an exported base, a module-private function taking the instance (the base gains no public member).
 */
export const placeOf = (facts: DuplicateFacts | null, elsewhere: string): string =>
  placedBeside(facts)
    ? `inside ${shownHolder(facts?.closure?.holder ?? '', '')}, beside \`${facts?.closure?.name}\` (declared there, and the copies call it)` +
      inScope(facts)
    : localHelper(facts)
      ? `inside ${shownHolder(facts?.localScope?.holder ?? '', '')}${inScope(facts)}`
      : facts?.sharedBase
        ? `on \`${facts.sharedBase}\` (a protected method of the class they extend)`
        : facts?.instanceOf
          ? `${elsewhere} as a module-private function taking the instance (\`self: ${facts.instanceOf}\`; ` +
            `a member of the exported \`${facts.instanceOf}\` would add to its public API)`
          : elsewhere;

/** The copies' function reads what they share from its own scope: the helper is declared there (not a hook or method). */
export const localHelper = (facts: DuplicateFacts | null) =>
  facts?.hook || (facts && sameClass(facts.owners)) || facts?.sharedBase ? undefined : facts?.localScope;

const inScope = (facts: DuplicateFacts | null): string => {
  const names = localHelper(facts)?.names ?? [];
  if (names.length === 0) return '';
  const shown = names.slice(0, 4).map((n) => `\`${n}\``);
  return ` (it reads ${shown.join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''} from there, not as parameters)`;
};

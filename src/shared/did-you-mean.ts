// The known word a mistyped one most likely meant, or undefined when none is
// close: within a third of the word's length in edits (at least 2), or equal
// ignoring case.
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const sameCase = known.find((candidate) => candidate.toLowerCase() === word.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  const nearest = closest(word, known);
  return distance(word, nearest) <= Math.max(2, Math.floor(word.length / 3)) ? nearest : undefined;
}

/** ` (did you mean "x"?)`, or an empty string when nothing is close. */
export function didYouMeanHint(word: string, known: readonly string[]): string {
  const guess = didYouMean(word, known);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

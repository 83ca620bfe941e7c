// How alike copies with no difference are, read off their tokens: the why says it of all of them, and the fix adds
// that the first two are identical only when a further copy is not (`a && b` there, `b && a` here).
import { tokensIn } from '../suggest/code.js';
import type { Location } from '../types.js';
import type { CodeIndex } from './context.js';

/** Copies with no difference: the same text, or the same code written with other local names or operands swapped. */
export function alike(copies: readonly Location[], index: CodeIndex): string {
  const texts = tokenTexts(copies, index);
  return texts.every((t) => t === texts[0]) ? 'token for token' : 'alike but for local names or swapped operands (`a && b` / `b && a`)';
}

/** With no difference, the why says how alike the copies are; this says the first two are identical when only they are. */
export function firstTwoOnly(copies: readonly Location[], index: CodeIndex): string {
  const texts = tokenTexts(copies, index);
  return texts[0] === texts[1] && texts.some((t) => t !== texts[0]) ? 'The first two copies are identical token for token.' : '';
}

const tokenTexts = (copies: readonly Location[], index: CodeIndex): string[] =>
  copies.map((c) => {
    const file = index.file(c.path);
    return file
      ? tokensIn(file, c)
          .map((t) => t.getText())
          .join(' ')
      : '';
  });

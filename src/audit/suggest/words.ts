// Names as words: splitting identifiers (`writeToStdout` → write, to, stdout),
// joining words back into an identifier, and the words two names share.

/** Lower-case words of an identifier or a phrase: camelCase, snake_case, kebab-case and spaces all split. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w))
    .map((w) => w.toLowerCase());
}

/** `['write', 'to']` → `writeTo`. */
export const camelOf = (words: readonly string[]): string =>
  words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');

/** `['zod', 'string']` → `zod-string`. */
export const kebabOf = (words: readonly string[]): string => words.join('-');

/** The words of `a` that `b` also has, in `a`'s order. */
export function commonWords(a: string, b: string): string[] {
  const other = new Set(wordsOf(b));
  return [...new Set(wordsOf(a))].filter((w) => other.has(w));
}

/** A comment's text as a short phrase: markers and punctuation stripped, at most `max` words. */
export function phraseOf(comment: string, max = 4): string[] {
  const text = comment.replace(/^\s*(\/\/+|\/\*+|\*+)\s*/gm, '').replace(/\*+\/\s*$/, '');
  const stop = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'for', 'it', 'its', 'is', 'then', 'with', 'from', 'by']);
  return wordsOf(text.split(/[.:;(\n]/)[0] ?? '')
    .filter((w) => !stop.has(w))
    .slice(0, max);
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `a, b and c`. */
export function listOf(items: readonly string[], max = 5): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

// Lexical analysis for BM25 and the hash embedder: words and identifiers,
// camelCase / snake_case / kebab-case split (the joined form is kept too, so
// `hasMany` matches both "hasMany" and "has many"), a stopword list (the filler
// words of questions, "how do I get...", and the function words of NLTK's English
// list, "before", "between", "each", "very", except the negations and particles
// that carry meaning in technical text: no, not, nor, off, out, up, down, only,
// as in `--no-color`, "turn colours off", `onlyFiles`), and Porter
// stemming applied the same way to documents and queries. One-letter words are
// kept: in technical text they are short flags (`-v`) and parameters (`k`);
// the `s` of "it's" and the `t` of "don't" are not. Lone digits are dropped:
// they are mostly pieces of version numbers and code literals (`1.0.0`, `0`).
import { porterStem } from './porter-stemmer.js';

const STOPWORDS = new Set(
  (
    'a all an and any are as at be been by can could did do does for from get had has have how i if in instead into is it its ' +
    'just like make me my need of on or our really so some than that the their them then there these they this those to ' +
    'want was way we were what when where which who why will with would you your s t ' +
    'myself ours ourselves yours yourself yourselves he him his himself she her hers herself itself theirs themselves whom ' +
    'am being having doing but because until while about against between through during before after above below over under ' +
    'again further once here both each few more most other such own same too very don should now'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}_]+/gu;

/** `parseHTTPHeader_v2` → [parse, HTTP, Header, v2] */
export function splitIdentifier(word: string): string[] {
  return word
    .split('_')
    .flatMap((part) => part.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((part) => part.length > 0);
}

/** Porter stem of a lower-case word; words with digits (v2, utf8, es2015) are kept whole. */
export function stem(word: string): string {
  return /\d/.test(word) ? word : porterStem(word);
}

/** Tokens for indexing, in text order (repeats kept for term frequency). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const parts = splitIdentifier(match[0]);
    if (parts.length > 1) addToken(tokens, parts.join(''));
    for (const part of parts) addToken(tokens, part);
  }
  return tokens;
}

/**
 * Tokens for a query. An identifier the index knows whole (`TypeScript`,
 * `readFileSync`) is looked up whole only: its parts ("type", "script") would
 * match unrelated text. An unknown one is looked up by its parts too.
 */
export function queryTokens(text: string, known: (token: string) => boolean): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const parts = splitIdentifier(match[0]);
    const whole: string[] = [];
    if (parts.length > 1) addToken(whole, parts.join(''));
    if (whole.length === 1 && known(whole[0] as string)) tokens.push(...whole);
    else tokens.push(...whole, ...tokenize(parts.join(' ')));
  }
  return tokens;
}

function addToken(tokens: string[], raw: string): void {
  const lower = raw.toLowerCase();
  if (lower.length > 64 || STOPWORDS.has(lower) || /^\d$/.test(lower)) return; // a lone digit: see the header
  tokens.push(stem(lower));
}

// Lexical analysis for BM25 and the hash embedder: words and identifiers,
// camelCase / snake_case / kebab-case split (the joined form is kept too, so
// `hasMany` matches both "hasMany" and "has many"), a short stopword list, and
// light suffix stemming applied the same way to documents and queries.

const STOPWORDS = new Set(
  (
    'a an and are as at be been by can could did do does for from had has have how i if in into is it its ' +
    'me my of on or our so than that the their them then there these they this those to was we were what ' +
    'when where which who why will with would you your'
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

/** Light, deterministic suffix stripping: plurals, -ed, -ing, a final -e. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** Tokens for indexing or querying, in text order (repeats kept for term frequency). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const parts = splitIdentifier(word);
    if (parts.length > 1) addToken(tokens, parts.join(''));
    for (const part of parts) addToken(tokens, part);
  }
  return tokens;
}

function addToken(tokens: string[], raw: string): void {
  const lower = raw.toLowerCase();
  if (lower.length < 2 || lower.length > 64 || STOPWORDS.has(lower)) return;
  tokens.push(stem(lower));
}

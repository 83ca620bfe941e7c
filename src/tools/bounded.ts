// Caps what one tool result may put into the model's context, with a note
// saying how to get the rest, so no single result floods it.
export const DEFAULT_RESULT_CAP = 16_000;

export function bound(text: string, cap = DEFAULT_RESULT_CAP, howToPage = 'ask for a narrower range (offset and limit)'): string {
  if (text.length <= cap) return text;
  const head = text.slice(0, cap);
  const shownLines = head.split('\n').length;
  return `${head}\n[truncated: showing the first ${cap} of ${text.length} characters (${shownLines} lines); ${howToPage}]`;
}

/** Keeps the end of command output, where failures are reported. */
export function tail(text: string, cap: number): string {
  if (text.length <= cap) return text;
  return `[truncated: ${text.length - cap} earlier characters omitted]\n${lastChars(text, cap)}`;
}

/**
 * The last `cap` characters; a cut inside a word drops the rest of that word,
 * so a key cut in half (which redaction no longer recognises) is never shown.
 */
export function lastChars(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const kept = text.slice(-cap);
  if (!KEY_CHAR.test(text[text.length - cap - 1]!)) return kept;
  const partial = /^[A-Za-z0-9_+/=-]*/.exec(kept)![0].length;
  return kept.slice(partial);
}

const KEY_CHAR = /[A-Za-z0-9_+/=-]/;

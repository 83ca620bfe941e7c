// JSON with comments and trailing commas, as tsconfig.json allows, read
// without the TypeScript compiler (loading it costs more than the whole read).

/** The parsed value, or undefined when the text is not JSON even with comments and trailing commas removed. */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(withoutTrailingCommas(withoutComments(text)));
  } catch {
    return undefined;
  }
}

/** Copies strings as they are; at every other character, `other(i)` says what to write and the last index it consumed. */
function outsideStrings(text: string, other: (i: number) => [written: string, last: number]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else {
      const [written, last] = other(i);
      out += written;
      i = last;
    }
  }
  return out;
}

/** Comments become spaces (a line comment keeps its newline). */
const withoutComments = (text: string): string =>
  outsideStrings(text, (i) => {
    if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      return ['\n', newline === -1 ? text.length : newline];
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      return [' ', close === -1 ? text.length : close + 1];
    }
    return [text[i] as string, i];
  });

/** The index just after the string that starts at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** A comma followed only by whitespace before `}` or `]` is dropped; commas inside strings are left alone. */
const withoutTrailingCommas = (text: string): string =>
  outsideStrings(text, (i) => [text[i] === ',' && closesNext(text, i + 1) ? '' : (text[i] as string), i]);

const CLOSER = /\s*[}\]]/y;

function closesNext(text: string, from: number): boolean {
  CLOSER.lastIndex = from;
  return CLOSER.test(text);
}

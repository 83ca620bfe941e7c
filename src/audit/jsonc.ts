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

/** Comments become spaces; strings are copied as they are. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** The index just after the string that starts at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** A comma followed only by whitespace before `}` or `]` is dropped; commas inside strings are left alone. */
function withoutTrailingCommas(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === ',' && closesNext(text, i + 1)) continue;
    else out += c;
  }
  return out;
}

const CLOSER = /\s*[}\]]/y;

function closesNext(text: string, from: number): boolean {
  CLOSER.lastIndex = from;
  return CLOSER.test(text);
}

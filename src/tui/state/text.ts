// Styled lines and the width arithmetic the screen is built with. A frame is a
// list of lines, each a list of segments; every line is cut and padded to an
// exact width here, so Ink never has to wrap anything.
import { envRedactor } from '../../shared/redact.js';
import { inert } from '../../shared/terminal-text.js';

export type Color = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray' | 'black';

export interface Segment {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  /** Starts a separate text node (a column that changes on its own, like the pane beside the sidebar). */
  cell?: boolean;
}

export type Line = Segment[];

/** A segment of text as the screen may show it (see `clean`). */
export const seg = (text: string, style: Omit<Segment, 'text'> = {}): Segment => ({ text: clean(text), ...style });

/**
 * Text from a model, a file, the record or a user as the screen may show it:
 * secrets redacted, tabs as two spaces, and control characters, escape
 * sequences and bidi controls escaped (visible and inert, see shared/terminal-text).
 * Idempotent, so text may pass here more than once on its way to a segment.
 */
export function clean(text: string): string {
  return inert(envRedactor().text(text).replace(/\t/g, '  '));
}

function charWidth(code: number): number {
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfe0f || (code >= 0x300 && code <= 0x36f)) return 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** The longest prefix of `text` that fits `width` columns. */
function cut(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    out += ch;
  }
  return out;
}

/** Cuts to `width` columns, ending with an ellipsis when something was cut. */
export function truncate(raw: string, width: number): string {
  if (width <= 0) return '';
  const text = clean(raw);
  if (textWidth(text) <= width) return text;
  return `${cut(text, width - 1)}…`;
}

export const padEnd = (text: string, width: number): string => {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - textWidth(t)));
};

export const lineWidth = (line: Line): number => line.reduce((n, s) => n + textWidth(s.text), 0);

export const lineText = (line: Line): string => line.map((s) => s.text).join('');

/** Cuts a line to `width` columns (ellipsis on the last visible segment) and pads it with spaces to exactly `width`. */
export function fitLine(line: Line, width: number, fill: Omit<Segment, 'text'> = {}): Line {
  const out: Line = [];
  let used = 0;
  const total = lineWidth(line);
  for (const s of line) {
    if (used >= width) break;
    const room = width - used;
    const w = textWidth(s.text);
    if (w <= room && !(total > width && used + w === width)) {
      out.push(s);
      used += w;
    } else {
      // Either it overflows, or it fills the width exactly while more follows: end with an ellipsis.
      const text = w > room ? truncate(s.text, room) : `${cut(s.text, room - 1)}…`;
      out.push({ ...s, text });
      used += textWidth(text);
      break;
    }
  }
  if (used < width) out.push({ ...fill, text: ' '.repeat(width - used) });
  return out;
}

/** Columns `[from, to)` of a line (wide characters that straddle an edge become spaces). */
export function sliceLine(line: Line, from: number, to: number): Line {
  const out: Line = [];
  let col = 0;
  for (const s of line) {
    let text = '';
    for (const ch of s.text) {
      const w = charWidth(ch.codePointAt(0)!);
      const start = col;
      col += w;
      if (start >= from && col <= to) text += ch;
      else if (start < to && col > from) text += ' '.repeat(Math.min(col, to) - Math.max(start, from));
    }
    if (text) out.push({ ...s, text });
    if (col >= to) break;
  }
  return out;
}

/** Draws `top` over `base` starting at column `at`; `base` is taken as `width` wide. */
export function overlayLine(base: Line, top: Line, at: number, width: number): Line {
  const fitted = fitLine(base, width);
  const topWidth = lineWidth(top);
  return [...sliceLine(fitted, 0, at), ...top, ...sliceLine(fitted, at + topWidth, width)];
}

/** Word-wraps plain text to rows of at most `width` columns; long words are broken. */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [];
  const rows: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    let row = '';
    for (const word of paragraph.split(/(\s+)/)) {
      if (word === '') continue;
      if (textWidth(row) + textWidth(word) <= width) {
        row += word;
        continue;
      }
      if (row.trim() !== '') rows.push(row.trimEnd());
      row = /^\s+$/.test(word) ? '' : word;
      while (textWidth(row) > width) {
        const head = cut(row, width);
        rows.push(head);
        row = row.slice(head.length);
      }
    }
    rows.push(row.trimEnd());
  }
  return rows;
}

/** Compact numbers for the header: 950, 12.3k, 4.5M. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export const usd = (n: number): string => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/** Pads a line to exactly `width` with a repeated filler (a rule), cutting it if it is too long. */
export function fillLine(line: Line, width: number, char: string, style: Omit<Segment, 'text'> = {}): Line {
  const used = lineWidth(line);
  return used >= width ? fitLine(line, width) : [...line, { ...style, text: char.repeat(width - used) }];
}

const sameStyle = (a: Segment, b: Segment) =>
  !b.cell && a.color === b.color && !!a.bold === !!b.bold && !!a.dim === !!b.dim && !!a.inverse === !!b.inverse;

/**
 * Joins neighbouring segments of the same style and drops trailing blanks
 * (Ink starts every row blank): less for Ink to lay out and paint each frame.
 */
export function mergeLine(line: Line): Line {
  const out: Line = [];
  for (const s of line) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameStyle(last, s)) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  for (let last = out[out.length - 1]; last && !last.inverse && last.text.endsWith(' '); last = out[out.length - 1]) {
    const text = last.text.trimEnd();
    if (text) {
      out[out.length - 1] = { ...last, text };
      break;
    }
    out.pop();
  }
  return out;
}

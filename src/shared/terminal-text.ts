// Makes text safe to show on a terminal: every character that a terminal would
// act on instead of showing is written as a visible `\uXXXX` escape.
//
// That covers C0 controls except tab and newline (ESC is the start of every
// CSI, OSC — window title, OSC 52 clipboard, hyperlinks — DCS and APC sequence,
// so escaping it leaves the rest of the sequence as plain text), a carriage
// return not followed by a newline (it would let text overwrite its own line),
// DEL, C1 controls (U+0080–U+009F, 8-bit CSI/OSC) and the invisible bidi
// controls that reorder what is shown (U+202A–U+202E embeddings and overrides,
// U+2066–U+2069 isolates, U+200E/U+200F/U+061C marks: "Trojan Source").
//
// The escape is JSON's and JavaScript's own `\uXXXX` and a backslash is left
// alone, so the function is idempotent, and inside a JSON string it decodes to
// the very character it replaced: applied to `--json` output it changes how
// the bytes look, never the document.

const UNSAFE = /[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
const HAS_UNSAFE = new RegExp(UNSAFE.source);

const escapeChar = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control, escape sequence introducer and bidi control shown as a visible, inert `\uXXXX`. */
export function inert(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

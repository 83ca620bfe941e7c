// The CLI's one output boundary: everything `crucible` prints passes here.
import { envRedactor, type Redactor } from '../shared/redact.js';
import { inert } from '../shared/terminal-text.js';
import type { Io } from './context.js';

/**
 * Wraps the process's stdout/stderr so that every printed text has its secrets
 * redacted and its control characters, escape sequences and bidi controls shown
 * as inert `\uXXXX` escapes (human output and `--json` alike: in a JSON string
 * the escape decodes to the same character). The CLI's own terminal controls
 * (the progress line's carriage return) go through `control`, untouched.
 */
export function displayIo(io: Io, redactor: Redactor = envRedactor()): Io {
  const safe = (text: string) => inert(redactor.text(text));
  return {
    out: (text) => io.out(safe(text)),
    err: (text) => io.err(safe(text)),
    control: (text) => (io.control ?? io.err)(text),
    closed: io.closed,
  };
}

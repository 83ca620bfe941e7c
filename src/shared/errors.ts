// One error type for everything a user can cause or fix. The CLI prints
// `message` as one line (what, where, how to fix), or one JSON object on stderr
// with --json, and exits with `exitCode` (EXIT_CODES; README "Exit codes"). 3 is not an
// error: it is `crucible run`'s "waiting on your judgment" (or budget) outcome.
export type ErrorKind = 'usage' | 'not-found' | 'refused' | 'failure';

/** The exit code of each kind of error: the one scheme every command follows. */
export const EXIT_CODES = { failure: 1, usage: 2, 'not-found': 4, refused: 5 } as const satisfies Record<ErrorKind, number>;

export class CrucibleError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fix: string | undefined;

  constructor(code: string, message: string, options: { kind?: ErrorKind; fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrucibleError';
    this.code = code;
    this.kind = options.kind ?? 'failure';
    this.fix = options.fix;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }

  /** The single line shown to the human: what went wrong, then how to fix it. */
  oneLine(): string {
    return this.fix ? `${this.message} (fix: ${this.fix})` : this.message;
  }
}

export const usageError = (code: string, message: string, fix?: string): CrucibleError =>
  new CrucibleError(code, message, { kind: 'usage', fix });

/** What the command names (an id, a file, a code location) does not exist: exit 4. */
export const notFound = (code: string, message: string, fix?: string): CrucibleError =>
  new CrucibleError(code, message, { kind: 'not-found', fix });

/** The record or a gate refused the change (it is not legal now): exit 5. */
export const refusedError = (code: string, message: string, fix?: string): CrucibleError =>
  new CrucibleError(code, message, { kind: 'refused', fix });

export const failure = (code: string, message: string, fix?: string, cause?: unknown): CrucibleError =>
  new CrucibleError(code, message, { kind: 'failure', fix, cause });

/** Formats a zod issue path as `a.b[2].c` for messages that name where the problem is. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** The message of anything thrown: an Error's message, or the value as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

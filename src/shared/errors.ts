// One error type for everything a user can cause or fix. The CLI prints
// `message` as one line (what, where, how to fix) and exits with `exitCode`:
// 2 for usage mistakes, 1 for failures.
export type ErrorKind = 'usage' | 'failure';

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
    return this.kind === 'usage' ? 2 : 1;
  }

  /** The single line shown to the human: what went wrong, then how to fix it. */
  oneLine(): string {
    return this.fix ? `${this.message} (fix: ${this.fix})` : this.message;
  }
}

export const usageError = (code: string, message: string, fix?: string): CrucibleError =>
  new CrucibleError(code, message, { kind: 'usage', fix });

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

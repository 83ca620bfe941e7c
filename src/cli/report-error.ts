// Every failure as one line on stderr (what, and the fix), or with --json as one
// JSON object `{"error":{code,kind,message,fix,exitCode}}`; returns the exit code
// of its kind (EXIT_CODES in src/shared/errors.ts: failed 1, usage 2, not found 4, refused 5).
import { CommanderError } from 'commander';
import { RecordRefusal } from '../record/refusal.js';
import { EventSchemaError } from '../record/validate.js';
import { ZodError } from 'zod';
import { CrucibleError, EXIT_CODES, formatIssuePath, messageOf, type ErrorKind } from '../shared/errors.js';
import type { Io } from './context.js';

export interface ReportedError {
  code: string;
  kind: ErrorKind;
  message: string;
  fix?: string;
}

/** Any thrown value as what the user is told: its kind decides the exit code. */
export function describeError(error: unknown): ReportedError {
  if (error instanceof CommanderError) return { code: error.code, kind: 'usage', message: error.message.replace(/^error: /, '') };
  if (error instanceof CrucibleError)
    return { code: error.code, kind: error.kind, message: error.message, ...(error.fix ? { fix: error.fix } : {}) };
  if (error instanceof RecordRefusal)
    return {
      code: error.code,
      kind: error.code === 'unknown-id' ? 'not-found' : 'refused',
      message: `refused: ${error.reason}`,
      fix: error.fix,
    };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return {
      code: 'invalid-input',
      kind: 'usage',
      message: `invalid input: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'not valid'}`,
    };
  }
  if (error instanceof EventSchemaError)
    return { code: 'invalid-input', kind: 'usage', message: `invalid input: ${error.detail}; nothing was written` };
  return {
    code: 'unexpected',
    kind: 'failure',
    message: `unexpected error: ${messageOf(error)}`,
    fix: 'set CRUCIBLE_DEBUG=1 for details, and please report it',
  };
}

/** Reports `error` on stderr; returns the exit code. */
export function reportError(error: unknown, io: Io, env: NodeJS.ProcessEnv, name = 'crucible', json = false): number {
  if (error instanceof CommanderError && error.exitCode === 0) return 0;
  const reported = describeError(error);
  const exitCode = EXIT_CODES[reported.kind];
  if (json) io.err(`${JSON.stringify({ error: { ...reported, exitCode } })}\n`);
  // Commander has already printed its own line (and help when asked for it).
  else if (!(error instanceof CommanderError)) io.err(`${name}: ${reported.message}${reported.fix ? ` (fix: ${reported.fix})` : ''}\n`);
  if (env.CRUCIBLE_DEBUG && reported.code === 'unexpected' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return exitCode;
}

/** Whether the command line asks for JSON (`--json` before any `--`). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

import { CommanderError } from 'commander';
import { RecordRefusal } from '../record/refusal.js';
import { EventSchemaError } from '../record/validate.js';
import { CrucibleError, messageOf } from '../shared/errors.js';
import type { Io } from './context.js';

/** Every failure as one line on stderr (what, and the fix); returns the exit code. */
export function reportError(error: unknown, io: Io, env: NodeJS.ProcessEnv, name = 'crucible'): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one line (and help when asked for it).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof CrucibleError) {
    io.err(`${name}: ${error.oneLine()}\n`);
    return error.exitCode;
  }
  if (error instanceof RecordRefusal) {
    io.err(`${name}: refused: ${error.reason} (fix: ${error.fix})\n`);
    return 1;
  }
  if (error instanceof EventSchemaError) {
    io.err(`${name}: invalid input: ${error.detail}; nothing was written\n`);
    return 2;
  }
  const message = messageOf(error);
  io.err(`${name}: unexpected error: ${message} (set CRUCIBLE_DEBUG=1 for details, and please report it)\n`);
  if (env.CRUCIBLE_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return 1;
}

// The whole CLI: every command, help and the version (`crucible` runs the record
// commands through record-cli.ts instead, which is bundled on its own).
import { COMMAND_MODULES } from './command-table.js';
import { runCliOver } from './run-cli.js';
import type { CliBase } from './commands/types.js';

/** Runs the CLI; returns the exit code. */
export const runCli = (argv: string[], raw: CliBase): Promise<number> => runCliOver(COMMAND_MODULES, argv, raw);

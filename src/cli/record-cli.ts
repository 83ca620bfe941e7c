// The record commands only (status, task, req, log, trace, judgments, decide, link):
// the entry `npm run build` bundles with what they import (scripts/bundle-cli.mjs), so
// these commands start without resolving and compiling a hundred and more modules one by one.
import { config } from 'zod';
import { RECORD_COMMAND_MODULES } from './record-commands.js';
import { runCliOver } from './run-cli.js';
import type { CliBase } from './commands/types.js';

// The loader turns on the bundle's own copy of the parse memo (the bundle has its own modules).
export { configureParseMemo } from '../shared/parse-memo.js';

// zod compiles each object schema to a function on its first parse: worth it in a long-lived
// process, not in a command that parses its config and a few rows once and exits.
config({ jitless: true });

/** Runs a record command; returns the exit code. */
export const runRecordCli = (argv: string[], raw: CliBase): Promise<number> => runCliOver(Object.values(RECORD_COMMAND_MODULES), argv, raw);

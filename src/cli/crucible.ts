#!/usr/bin/env node
import { commandNameOf, RECORD_COMMAND_NAMES } from './command-name.js';
import { processIo } from './process-io.js';

const argv = process.argv.slice(2);
const name = commandNameOf(argv);
const run =
  name !== undefined && RECORD_COMMAND_NAMES.includes(name)
    ? (await import('./record-cli.js')).runRecordCli
    : (await import('./program.js')).runCli;
process.exitCode = await run(argv, { io: processIo(), cwd: process.cwd(), env: process.env });

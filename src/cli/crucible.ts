#!/usr/bin/env node
import { commandNameOf, RECORD_COMMAND_NAMES } from './command-name.js';
import { processIo } from './process-io.js';

const argv = process.argv.slice(2);
const name = commandNameOf(argv);
const base = { io: processIo(), cwd: process.cwd(), env: process.env };
if (name !== undefined && RECORD_COMMAND_NAMES.includes(name)) {
  const { loadRecordCli } = await import('./record-cli-loader.js');
  const recordCli = await loadRecordCli(process.env);
  process.exitCode = await recordCli.run(argv, base);
  recordCli.finish();
} else {
  process.exitCode = await (await import('./program.js')).runCli(argv, base);
}

#!/usr/bin/env node
import { processIo } from './process-io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), { io: processIo(), cwd: process.cwd(), env: process.env });
process.exitCode = code;

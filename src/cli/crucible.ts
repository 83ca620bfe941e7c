#!/usr/bin/env node
import { runCli } from './program.js';

const io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };
const code = await runCli(process.argv.slice(2), { io, cwd: process.cwd(), env: process.env });
process.exitCode = code;

// A process that runs one command through runArgv and prints the outcome as
// JSON: tests start it with a secret in its initial environment, which is what
// /proc/<pid>/environ shows (process.env edits do not).
import { runArgv } from '../../src/tools/command-runner.js';
import { defaultConfig } from '../../src/workspace/config.js';

const [cwd, ...argv] = process.argv.slice(2);
const outcome = await runArgv(argv, { cwd: cwd!, sandbox: defaultConfig().commands, timeoutMs: 20_000, maxOutputBytes: 8000 });
process.stdout.write(JSON.stringify(outcome));

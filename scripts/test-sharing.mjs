// Which integration files may share one process (scripts/run-tests.mjs): a short file spends most of its CPU
// starting node, tsx and the module graph, so short files run a few to a process, like the unit files. Only files
// that leave the process as they found it: none that sets process.env, changes directory, adds process listeners,
// mocks, sets exit codes or waits at top level (a top-level await would hold up the files after it). The check
// reads the source as text, strings included, so it errs towards a process of its own.
import { readFileSync } from 'node:fs';

/** Files expected to take at most this many seconds (scripts/test-weights.json) are short enough to share. */
export const SHARED_MAX_SECONDS = 10;

const PROCESS_STATE = [
  /process\.env(\.\w+|\[[^\]]+\])?\s*(=[^=]|\?\?=|\|\|=)/,
  /delete\s+process\.env/,
  /Object\.assign\(\s*process\.env/,
  /process\.(chdir|umask|on|once|off|addListener|prependListener|removeListener|removeAllListeners|setMaxListeners)\(/,
  /process\.exitCode|process\.exit\(|process\.kill\(\s*process\.pid/,
  /\bmock\.|globalThis\.\w+\s*=|Object\.defineProperty\(\s*(process|globalThis)/,
  /^[^\s/*].*\bawait\b/m,
];

/** Whether `file` (an integration test file expected to take `seconds`) may run in a process with others. */
export function sharesProcess(file, seconds) {
  if (!(seconds <= SHARED_MAX_SECONDS)) return false;
  const source = readFileSync(file, 'utf8');
  return !PROCESS_STATE.some((pattern) => pattern.test(source));
}

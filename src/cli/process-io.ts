// The CLI's sink on the real process streams: where `crucible`'s output meets
// stdout and stderr, and where a reader going away (`crucible log | head`) is handled.
import type { Writable } from 'node:stream';
import type { Io } from './context.js';

/** Write errors that only mean the reader has gone: the pipe's other end closed, or the stream was torn down. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * An `Io` on `stdout`/`stderr`. Node ignores SIGPIPE, so a write into a closed
 * pipe becomes an 'error' event that would end the process with a stack trace.
 * Here it ends the output instead: later writes are dropped and `closed`
 * aborts, so a command that streams (log, log --follow) stops, and one that
 * writes to the record finishes its work as it would have. Exit status stays
 * the command's own (0 when it succeeded), so `set -o pipefail` scripts that
 * pipe into `head` keep passing. Any other write error on stdout is reported
 * once on stderr; errors on stderr have nowhere to go and are dropped.
 */
export function processIo(stdout: Writable = process.stdout, stderr: Writable = process.stderr): Io {
  const readerGone = new AbortController();
  let stderrOpen = true;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (readerGone.signal.aborted) return;
    readerGone.abort();
    if (!READER_GONE.has(error.code ?? '') && stderrOpen) stderr.write(`crucible: output stopped: ${error.message}\n`);
  });
  stderr.on('error', () => (stderrOpen = false));
  const toStderr = (text: string) => void (stderrOpen && stderr.write(text));
  return {
    out: (text) => void (readerGone.signal.aborted || stdout.write(text)),
    err: toStderr,
    control: toStderr,
    closed: readerGone.signal,
  };
}

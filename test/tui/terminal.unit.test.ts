import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, takeScreen, type ExitSignal } from '../../src/tui/terminal.js';

/** A stream that records what is written to it (all the guard uses of a WriteStream). */
function recorder() {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => chunks.push(String(chunk)) > 0 };
  // Cast: the guard only calls write() on these streams.
  return { chunks, stream: stream as unknown as NodeJS.WriteStream };
}

test('the guard takes the alternate screen, holds stderr and console meanwhile, and restores exactly once', () => {
  const out = recorder();
  const err = recorder();
  const guard = takeScreen({ stdout: out.stream, stderr: err.stream, onSignal: () => undefined, onFatal: () => undefined });
  try {
    assert.deepEqual(out.chunks, [ENTER_ALT_SCREEN]);
    err.stream.write('a warning from a library\n');
    console.error('and from console');
    assert.deepEqual(err.chunks, [], 'nothing tears the frame');
  } finally {
    guard.restore();
  }
  guard.restore();
  assert.deepEqual(out.chunks, [ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN], 'left once');
  assert.deepEqual(err.chunks, ['a warning from a library\nand from console\n'], 'held output is printed on the normal screen');
  assert.equal(guard.restored, true);
});

test('SIGHUP, SIGTERM and SIGINT go to the graceful quit; after restore the handlers are gone', () => {
  const signals: ExitSignal[] = [];
  const before = process.listenerCount('SIGHUP');
  const guard = takeScreen({
    stdout: recorder().stream,
    stderr: recorder().stream,
    onSignal: (s) => signals.push(s),
    onFatal: () => undefined,
  });
  try {
    process.emit('SIGHUP', 'SIGHUP');
    assert.deepEqual(signals, ['SIGHUP']);
  } finally {
    guard.restore();
  }
  assert.equal(process.listenerCount('SIGHUP'), before);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayIo } from '../../src/cli/display-io.js';
import { progressPrinter } from '../../src/cli/commands/retrieval.js';
import type { CliContext } from '../../src/cli/context.js';
import { redactorFor } from '../../src/shared/redact.js';

function capture() {
  const written: { stream: 'out' | 'err'; text: string }[] = [];
  return {
    written,
    io: {
      out: (text: string) => void written.push({ stream: 'out', text }),
      err: (text: string) => void written.push({ stream: 'err', text }),
    },
  };
}

test('the CLI sink redacts and escapes what commands print; its own progress-line controls pass through untouched', () => {
  const { written, io } = capture();
  const safe = displayIo(io, redactorFor(['env-secret-1234']));
  safe.out('title \x1b]0;x\x07 env-secret-1234\n');
  safe.err('done\rforged\n');
  const ctx: CliContext = { io: safe, cwd: '/', json: false, dir: undefined, actor: 'human' };
  progressPrinter(ctx, true)({ phase: 'embed', done: 1, total: 2 });
  assert.deepEqual(written, [
    { stream: 'out', text: 'title \\u001b]0;x\\u0007 [redacted]\n' },
    { stream: 'err', text: 'done\\u000dforged\n' },
    { stream: 'err', text: '\r\x1b[K' },
    { stream: 'err', text: 'embed 1/2' },
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRows, paneWindow } from '../../src/tui/state/pane.js';
import { lineText } from '../../src/tui/state/text.js';
import {
  activityInput,
  applyToTranscript,
  emptyTranscript,
  entryInput,
  MAX_ENTRIES,
  type Transcript,
} from '../../src/tui/state/transcript.js';

const text = (t: string) => activityInput({ type: 'text', text: t });
const rowsOf = (t: Transcript, width = 40) => allRows(t, width).map(lineText);

test('streamed text becomes lines at newlines; the rest stays partial and shows with a cursor', () => {
  const t = applyToTranscript(emptyTranscript(), [text('Hello, wo'), text('rld.\nNext li'), text('ne')]);
  assert.deepEqual(t.entries, [{ kind: 'text', text: 'Hello, world.' }]);
  assert.equal(t.partial, 'Next line');
  assert.deepEqual(rowsOf(t), ['Hello, world.', 'Next line▍']);
});

test('a tool call closes the partial line and folds to one line with its result', () => {
  const t = applyToTranscript(emptyTranscript(), [
    text('Writing it'),
    activityInput({ type: 'tool', name: 'write_file', input: {}, ok: true, summary: 'wrote src/a.js (3 lines)' }),
    activityInput({ type: 'tool', name: 'complete_task', input: {}, ok: false, summary: 'REFUSED [gate-failed]: tests fail' }),
  ]);
  assert.deepEqual(rowsOf(t, 60), [
    'Writing it',
    '⚙ write_file ✓ wrote src/a.js (3 lines)',
    '✗ complete_task REFUSED [gate-failed]: tests fail',
  ]);
});

test('a gate refusal lands right under the refused tool line, with its reason and fix', () => {
  const refused = activityInput({ type: 'tool', name: 'complete_task', input: {}, ok: false, summary: 'REFUSED [gate-failed]: x' });
  let t = applyToTranscript(emptyTranscript(), [refused, activityInput({ type: 'turn', turn: 3 }), text('Looking at the failure')]);
  t = applyToTranscript(t, [
    entryInput({
      kind: 'gate',
      taskId: 'T-3',
      code: 'gate-failed',
      reason: 'gate command `node --test` exited 1:\nok 1 - a\nnot ok 2 - truncate',
      fix: 'fix the cause, then complete again',
    }),
  ]);
  const rows = rowsOf(t, 60);
  assert.equal(rows[0], '✗ complete_task REFUSED [gate-failed]: x');
  assert.equal(rows[1], '✗ gate refused T-3 [gate-failed]');
  assert.equal(rows[2], '  gate command `node --test` exited 1:');
  assert.equal(rows[3], '  not ok 2 - truncate', 'the telling line of the output, not the first');
  assert.equal(rows[4], '→ fix: fix the cause, then complete again');
  assert.equal(rows[5], '─ turn 3');
  assert.equal(t.partial, 'Looking at the failure', 'the streaming line is untouched');
});

test('escape sequences in model text never reach the screen: they are shown escaped', () => {
  const t = applyToTranscript(emptyTranscript(), [text('\x1b[2Jgone\x1b[31m red\n')]);
  assert.deepEqual(t.entries, [{ kind: 'text', text: '\\u001b[2Jgone\\u001b[31m red' }]);
});

test('the transcript keeps at most MAX_ENTRIES and counts what it dropped', () => {
  const lines = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => text(`line ${i}\n`));
  const t = applyToTranscript(emptyTranscript(), lines);
  assert.equal(t.entries.length, MAX_ENTRIES);
  assert.equal(t.dropped, 5);
  assert.deepEqual(t.entries[0], { kind: 'text', text: 'line 5' });
});

test('an empty batch returns the same transcript (no re-render)', () => {
  const t = emptyTranscript();
  assert.equal(applyToTranscript(t, []), t);
});

test('the pane window follows the end by wrapping only the newest entries, or shows a scrolled slice', () => {
  const t = applyToTranscript(
    emptyTranscript(),
    Array.from({ length: 50 }, (_, i) => text(`row ${i}\n`)),
  );
  const following = paneWindow(t, 20, 5, undefined);
  assert.deepEqual(following.rows.map(lineText), ['row 45', 'row 46', 'row 47', 'row 48', 'row 49']);
  assert.equal(following.top, undefined);
  const scrolled = paneWindow(t, 20, 5, 10);
  assert.deepEqual(scrolled.rows.map(lineText), ['row 10', 'row 11', 'row 12', 'row 13', 'row 14']);
  assert.equal(scrolled.total, 50);
  assert.equal(paneWindow(t, 20, 5, 999).top, 45, 'scrolling past the end clamps');
});

test('a key streamed across deltas is redacted whole: the text is cleaned as a line, not delta by delta', () => {
  const key = `sk-ant-api03-${'Zq9'.repeat(30)}`;
  // How a model streams it: a few characters at a time, the key's prefix (already a key shape) in one delta.
  const deltas = [
    'The key in .env is ',
    key.slice(0, 13),
    ...(key.slice(13).match(/.{1,7}/g) ?? []),
    ' ok.\nand the ',
    key.slice(0, 13),
    key.slice(13, 40),
  ];
  const t = applyToTranscript(emptyTranscript(), deltas.map(text));
  const rows = rowsOf(t, 400).join('\n');
  assert.equal(rows.includes(key.slice(13, 29)), false, rows);
  assert.match(rows, /The key in \.env is \[redacted\] ok\./);
  // Controls split across deltas stay inert too.
  const esc = applyToTranscript(emptyTranscript(), [text('a\x1b'), text(']0;pwned\x07b\n')]);
  assert.equal(rowsOf(esc).join('').includes('\x1b'), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputMode, keysToActions, keyToAction, NO_KEY, type InputMode, type KeyPress } from '../../src/tui/state/keymap.js';
import type { KeyAction } from '../../src/tui/state/types.js';
import { withUi } from '../../src/tui/state/navigate.js';
import { sampleState } from './fixtures.js';

const none = NO_KEY;
const key = (patch: Partial<KeyPress>) => ({ ...none, ...patch });

test('commands in normal mode', () => {
  assert.deepEqual(keyToAction('', key({ tab: true }), 'normal'), { type: 'key.focus', delta: 1 });
  assert.deepEqual(keyToAction('', key({ tab: true, shift: true }), 'normal'), { type: 'key.focus', delta: -1 });
  assert.deepEqual(keyToAction('3', none, 'normal'), { type: 'key.digit', n: 3 });
  assert.deepEqual(keyToAction('j', none, 'normal'), { type: 'key.move', delta: 1 });
  assert.deepEqual(keyToAction('k', none, 'normal'), { type: 'key.move', delta: -1 });
  assert.deepEqual(keyToAction('', key({ downArrow: true }), 'normal'), { type: 'key.move', delta: 1 });
  assert.deepEqual(keyToAction('', key({ pageUp: true }), 'normal'), { type: 'key.page', delta: -1 });
  assert.deepEqual(keyToAction('', key({ end: true }), 'normal'), { type: 'key.edge', to: 'end' });
  assert.deepEqual(keyToAction('', key({ return: true }), 'normal'), { type: 'key.enter' });
  for (const [input, type] of [
    ['/', 'key.search'],
    ['a', 'key.answer'],
    ['p', 'key.pause'],
    ['?', 'key.help'],
    ['q', 'key.quit'],
  ] as const) {
    assert.deepEqual(keyToAction(input, none, 'normal'), { type });
  }
  assert.deepEqual(keyToAction('y', none, 'normal'), { type: 'key.char', char: 'y' });
});

test('in a text field letters are text, but arrows, Enter, Esc and Ctrl-C still act', () => {
  assert.deepEqual(keyToAction('q', none, 'text'), { type: 'key.text', text: 'q' });
  assert.deepEqual(keyToAction('12', none, 'text'), { type: 'key.text', text: '12' });
  assert.deepEqual(keyToAction('', key({ delete: true }), 'text'), { type: 'key.backspace' });
  assert.deepEqual(keyToAction('', key({ upArrow: true }), 'text'), { type: 'key.move', delta: -1 });
  assert.deepEqual(keyToAction('', key({ escape: true }), 'text'), { type: 'key.escape' });
  assert.deepEqual(keyToAction('c', key({ ctrl: true }), 'text'), { type: 'key.interrupt' });
  assert.equal(keyToAction('x', key({ ctrl: true }), 'text'), undefined);
});

test('input mode: text while typing a search or on the free-text row of a judgment', () => {
  const state = sampleState();
  assert.equal(inputMode(state), 'normal');
  assert.equal(inputMode({ ...state, search: { ...state.search, editing: true } }), 'text');
  assert.equal(inputMode(withUi(state, { modal: { kind: 'judgment', id: 'J-1', choice: 0, text: '' } })), 'normal');
  assert.equal(inputMode(withUi(state, { modal: { kind: 'judgment', id: 'J-1', choice: 2, text: '' } })), 'text');
  assert.equal(inputMode(withUi({ ...state, search: { ...state.search, editing: true } }, { modal: { kind: 'help' } })), 'normal');
});

/** The actions a chunk stands for, with the mode turning to text when a key opens a field (as the reducer would). */
function actionsOf(input: string, k: KeyPress = none, start: InputMode = 'normal'): KeyAction[] {
  let mode = start;
  const out: KeyAction[] = [];
  keysToActions(
    input,
    k,
    () => mode,
    (action) => {
      out.push(action);
      if (action.type === 'key.prompt' || action.type === 'key.search') mode = 'text';
    },
  );
  return out;
}

test('keys that reach the TUI in one read are each a key: Ink hands "\\t\\t" or "11" over as one input', () => {
  assert.deepEqual(actionsOf('\t\t'), [
    { type: 'key.focus', delta: 1 },
    { type: 'key.focus', delta: 1 },
  ]);
  assert.deepEqual(actionsOf('11'), [
    { type: 'key.digit', n: 1 },
    { type: 'key.digit', n: 1 },
  ]);
  assert.deepEqual(actionsOf('jj\r'), [{ type: 'key.move', delta: 1 }, { type: 'key.move', delta: 1 }, { type: 'key.enter' }]);
  // A key that opens the prompt line: the rest of the chunk is typed into it as one piece, like a paste.
  assert.deepEqual(actionsOf('i@tester hi'), [{ type: 'key.prompt' }, { type: 'key.text', text: '@tester hi' }]);
  // In a text field a chunk stays one piece of text; one key and escape sequences are as before.
  assert.deepEqual(actionsOf('q\tq', none, 'text'), [{ type: 'key.text', text: 'q q' }]);
  assert.deepEqual(actionsOf('q'), [{ type: 'key.quit' }]);
  assert.deepEqual(actionsOf('', key({ upArrow: true })), [{ type: 'key.move', delta: -1 }]);
  const escapes = '\x1b[A\x1b[A';
  assert.deepEqual(actionsOf(escapes), [keyToAction(escapes, none, 'normal')], 'an escape sequence is never split by character');
});

test("a chunk typed into a field: a break at its end is Enter, breaks inside are a paste's, control characters never land", () => {
  // A word and Enter typed fast reach Ink in one read: the Enter is not lost inside the text.
  assert.deepEqual(actionsOf('ihello\r'), [{ type: 'key.prompt' }, { type: 'key.text', text: 'hello' }, { type: 'key.enter' }]);
  assert.deepEqual(actionsOf('o\r\n', none, 'text'), [{ type: 'key.text', text: 'o' }, { type: 'key.enter' }]);
  // A pasted line break neither submits half the paste nor runs the rest as keys (`q` would quit).
  assert.deepEqual(actionsOf('first line\r\nqq', none, 'text'), [{ type: 'key.text', text: 'first line qq' }]);
  // Whole lines copied end in a break too: a paste with one inside is typed, never sent.
  assert.deepEqual(actionsOf('line one\nline two\n', none, 'text'), [{ type: 'key.text', text: 'line one line two' }]);
  assert.deepEqual(actionsOf('ab\x7f\x7fc', none, 'text'), [
    { type: 'key.text', text: 'ab' },
    { type: 'key.backspace' },
    { type: 'key.backspace' },
    { type: 'key.text', text: 'c' },
  ]);
  assert.deepEqual(actionsOf('a\x01\x9bb', none, 'text'), [{ type: 'key.text', text: 'ab' }]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputMode, keyToAction, type KeyPress } from '../../src/tui/state/keymap.js';
import { withUi } from '../../src/tui/state/navigate.js';
import { sampleState } from './fixtures.js';

const none: KeyPress = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};
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

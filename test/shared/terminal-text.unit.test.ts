import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inert } from '../../src/shared/terminal-text.js';

test('escape sequences are shown escaped: OSC window title, OSC 52 clipboard, CSI clear screen, DCS, 8-bit CSI', () => {
  assert.equal(inert('\x1b]0;pwned\x07'), '\\u001b]0;pwned\\u0007');
  assert.equal(inert('\x1b]52;c;cm0gLXJmIH4=\x07'), '\\u001b]52;c;cm0gLXJmIH4=\\u0007');
  assert.equal(inert('\x1b[2J\x1b[H'), '\\u001b[2J\\u001b[H');
  assert.equal(inert('\x1bPq#0\x1b\\'), '\\u001bPq#0\\u001b\\');
  assert.equal(inert('\x9b2J'), '\\u009b2J');
});

test('C0 controls, DEL, a lone carriage return and bidi controls are escaped; tab, newline and CRLF are kept', () => {
  assert.equal(inert('a\x00b\x08c\x7fd'), 'a\\u0000b\\u0008c\\u007fd');
  assert.equal(inert('done\rFAKE'), 'done\\u000dFAKE');
  assert.equal(inert('line\r\nnext\tcol\n'), 'line\r\nnext\tcol\n');
  assert.equal(inert('abc\u202Etxt.exe'), 'abc\\u202etxt.exe');
  assert.equal(inert('\u2066\u2067\u2068\u2069\u200e\u200f\u061c'), '\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c');
});

test('ordinary text, emoji with joiners and non-Latin scripts pass unchanged, and inert is idempotent', () => {
  for (const text of ['plain', 'café ✓ 日本語 עברית', '👩‍💻', 'back\\slash \\u001b']) assert.equal(inert(text), text);
  const once = inert('\x1b]0;x\x07\u202e');
  assert.equal(inert(once), once);
});

test('inside JSON the escapes decode to the same characters: --json output keeps its meaning', () => {
  const value = { title: 'a\u202Eb\x85c', list: ['\u2066x\u2069'] };
  const json = JSON.stringify(value, null, 2);
  assert.notEqual(inert(json), json);
  assert.deepEqual(JSON.parse(inert(json)), value);
});

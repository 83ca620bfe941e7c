import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clean,
  compact,
  fillLine,
  fitLine,
  lineText,
  lineWidth,
  overlayLine,
  seg,
  sliceLine,
  textWidth,
  truncate,
  wrap,
} from '../../src/tui/state/text.js';

test('widths: wide characters count two columns, combining marks none', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('日本'), 4);
  assert.equal(textWidth('e\u0301'), 1);
});

test('truncate ends with an ellipsis only when it cuts', () => {
  assert.equal(truncate('hello', 5), 'hello');
  assert.equal(truncate('hello world', 6), 'hello…');
  assert.equal(truncate('日本語', 4), '日…');
  assert.equal(truncate('x', 0), '');
});

test('fitLine cuts and pads a styled line to exactly the width', () => {
  const line = [seg('abc', { bold: true }), seg('defgh', { color: 'red' })];
  assert.equal(lineText(fitLine(line, 10)), 'abcdefgh  ');
  assert.equal(lineText(fitLine(line, 6)), 'abcde…');
  assert.equal(lineText(fitLine(line, 3)), 'ab…');
  assert.equal(lineWidth(fitLine(line, 6)), 6);
  assert.equal(fitLine(line, 6)[1]?.color, 'red', 'styles survive the cut');
});

test('fillLine pads with a rule without an ellipsis', () => {
  assert.equal(lineText(fillLine([seg('─ Agents ')], 14, '─')), '─ Agents ─────');
});

test('sliceLine and overlayLine splice by columns', () => {
  const base = [seg('0123456789')];
  assert.equal(lineText(sliceLine(base, 2, 5)), '234');
  assert.equal(lineText(overlayLine(base, [seg('AB')], 3, 10)), '012AB56789');
  assert.equal(lineText(overlayLine([seg('ab日本cd')], [seg('X')], 3, 8)), 'ab X本cd', 'a wide char split by the edge becomes a space');
});

test('wrap breaks on words and hard-breaks long words', () => {
  assert.deepEqual(wrap('the quick brown fox', 10), ['the quick', 'brown fox']);
  assert.deepEqual(wrap('abcdefghijkl', 5), ['abcde', 'fghij', 'kl']);
  assert.deepEqual(wrap('a\n\nb', 5), ['a', '', 'b']);
});

test('clean shows escape sequences and control characters escaped, expands tabs and redacts key shapes', () => {
  assert.equal(clean('\x1b[31mred\x1b[0m\ttab\x07\x1b]0;title\x07'), '\\u001b[31mred\\u001b[0m  tab\\u0007\\u001b]0;title\\u0007');
  assert.equal(clean('key sk-ant-api03-abcdefghij'), 'key [redacted]');
  assert.equal(clean(clean('\u202eevil')), '\\u202eevil');
});

test('every segment and wrapped or truncated text is escaped, so widths are measured on what is shown', () => {
  assert.equal(seg('\x1b[2Jx').text, '\\u001b[2Jx');
  assert.deepEqual(wrap('\x1b]0;t\x07', 40), ['\\u001b]0;t\\u0007']);
  assert.equal(textWidth(truncate('\x1b[2J', 20)), 9);
});

test('compact numbers', () => {
  assert.deepEqual([compact(950), compact(12_345), compact(4_500_000)], ['950', '12k', '4.5M']);
  assert.equal(compact(1500), '1.5k');
});

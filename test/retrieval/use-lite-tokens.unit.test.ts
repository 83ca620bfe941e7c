/** USE-lite's input shaping: only the tokens the model reads are computed, and batches are grouped by length. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLength, leadingTokens } from '../../src/retrieval/embedders/use-lite-model.js';

/** A word tokenizer with the property the real one has: no token spans whitespace. */
function wordEncoder() {
  const seen: string[] = [];
  const encode = (text: string): number[] => {
    seen.push(text);
    return text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => word.length);
  };
  return { encode, seen };
}

test('leadingTokens gives the whole text’s first tokens while tokenizing only a prefix', () => {
  const words = Array.from({ length: 2000 }, (_, i) => 'x'.repeat((i % 7) + 1));
  const long = words.map((w, i) => (i % 5 === 0 ? `${w}\n` : `${w} `)).join('');
  const { encode, seen } = wordEncoder();
  assert.deepEqual(leadingTokens(encode, long, 64), encode(long).slice(0, 64));
  assert.ok((seen[0]?.length ?? Infinity) < long.length / 10, 'the first call read a prefix only');
  const short = 'a few words';
  assert.deepEqual(leadingTokens(encode, short, 64), [1, 3, 5]);
});

test('leadingTokens takes more text when the first prefix holds too few tokens', () => {
  const { encode, seen } = wordEncoder();
  const long = `${'y'.repeat(600)} ${Array.from({ length: 100 }, () => 'z').join(' ')}`;
  assert.deepEqual(leadingTokens(encode, long, 10), encode(long).slice(0, 10));
  assert.ok(seen.length >= 3, 'the prefix was widened');
});

test('byLength groups similar lengths and covers every index once', () => {
  const lists = [[1, 2, 3], [1], [1, 2, 3, 4, 5], [1, 2], []];
  const groups = byLength(lists, 2);
  assert.deepEqual(groups, [[4, 1], [3, 0], [2]]);
});

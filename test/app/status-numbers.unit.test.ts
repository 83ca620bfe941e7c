// `crucible status` groups token counts as toLocaleString('en-US') does, without loading ICU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupThousands } from '../../src/app/status.js';

test('integers are grouped exactly as toLocaleString("en-US") groups them', () => {
  const values = [0, 7, 999, 1000, 1001, 12345, 999999, 1000000, 1234567, -1, -1000, -987654321, Number.MAX_SAFE_INTEGER];
  for (const value of values) assert.equal(groupThousands(value), value.toLocaleString('en-US'), String(value));
});

test('what is not a safe integer is left to toLocaleString', () => {
  for (const value of [1.5, 1234.5678, 2 ** 60, Number.NaN, Infinity]) assert.equal(groupThousands(value), value.toLocaleString('en-US'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passedTests } from '../../src/gates/test-count.js';

test('passedTests reads the pass count of node --test (TAP and spec), jest, vitest and mocha; nothing recognisable is undefined', () => {
  assert.equal(passedTests('1..3\n# tests 3\n# suites 0\n# pass 3\n# fail 0\n'), 3);
  assert.equal(passedTests('ℹ tests 4\nℹ pass 4\nℹ fail 0\n'), 4);
  assert.equal(passedTests('Test Suites: 1 passed, 1 total\nTests:       1 skipped, 7 passed, 8 total\n'), 7);
  assert.equal(passedTests(' Test Files  2 passed (2)\n      Tests  12 passed (12)\n'), 12);
  assert.equal(passedTests('  add\n    ✔ adds\n\n  5 passing (12ms)\n'), 5);
  assert.equal(passedTests('all good\n'), undefined);
});

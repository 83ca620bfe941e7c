import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrucibleError, formatIssuePath, usageError } from '../../src/shared/errors.js';

test('usage errors exit 2, failures exit 1, and the fix is part of the one line', () => {
  const usage = usageError('bad-flag', '--deps: "T-x" is not a task id', 'use ids like T-1');
  assert.equal(usage.exitCode, 2);
  assert.equal(usage.oneLine(), '--deps: "T-x" is not a task id (fix: use ids like T-1)');
  assert.equal(new CrucibleError('io', 'disk full').exitCode, 1);
});

test('issue paths read like property access', () => {
  assert.equal(formatIssuePath(['data', 'deps', 2]), 'data.deps[2]');
  assert.equal(formatIssuePath([]), '(root)');
});

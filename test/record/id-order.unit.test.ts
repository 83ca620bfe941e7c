// Ids sort by kind, then by number (T-2 before T-10); sortById gives the order compareIds gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareIds, sortById } from '../../src/record/queries.js';

test('ids of one kind order by number; other ids by text', () => {
  assert.ok(compareIds('T-2', 'T-10') < 0);
  assert.ok(compareIds('T-10', 'T-2') > 0);
  assert.equal(compareIds('R-3', 'R-3'), 0);
  assert.ok(compareIds('D-10', 'T-2') < 0);
  assert.ok(compareIds('T-9', 'TT-1') < 0);
});

test('sortById orders rows as sorting by compareIds does', () => {
  const ids = ['T-10', 'T-2', 'R-1', 'T-1', 'D-30', 'D-4', 'T-100', 'src/x.ts', 'T-1-2', 'R-12'];
  const rows = ids.map((id) => ({ id }));
  assert.deepEqual(
    sortById(rows, (r) => r.id).map((r) => r.id),
    [...ids].sort(compareIds),
  );
  assert.deepEqual(
    sortById(['T-3', 'T-20', 'T-1'], (id) => id),
    ['T-1', 'T-3', 'T-20'],
  );
});

// Declined for good (src/audit/declined.ts): a draft whose every place lies within a declined proposal's anchors is
// not proposed again, whatever its fingerprint; a draft naming a new place is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorsOf } from '../../src/audit/anchors.js';
import { withinDeclined } from '../../src/audit/declined.js';
import { reconcile } from '../../src/audit/reconcile.js';
import type { ProposalDraft } from '../../src/audit/proposals.js';
import type { Finding } from '../../src/audit/index.js';

const finding = (path: string, symbol?: string): Finding => ({
  analyzer: 'duplication',
  path,
  startLine: 1,
  endLine: 5,
  message: 'duplicate',
  severity: 'warning',
  fingerprint: `duplication:${path}`,
  ...(symbol !== undefined ? { symbol } : {}),
});

test('anchors name each place by analyzer, path and function, once each, in order; a cycle has none', () => {
  const members = [finding('src/b.ts', 'chunk'), finding('src/a.ts', 'chunks'), finding('src/b.ts', 'chunk'), finding('src/c.ts')];
  assert.deepEqual(anchorsOf({ kind: 'duplicate', fingerprint: 'duplication:abc', members }), [
    'duplication:src/a.ts#chunks',
    'duplication:src/b.ts#chunk',
    'duplication:src/c.ts#',
  ]);
  assert.deepEqual(anchorsOf({ kind: 'cycle', fingerprint: 'cycles:abc', members }), []);
});

test('a draft is declined only when every anchor lies within one declined proposal', () => {
  const declined = [['duplication:src/a.ts#f', 'duplication:src/b.ts#g', 'duplication:src/b.ts#h']];
  assert.equal(withinDeclined(['duplication:src/a.ts#f', 'duplication:src/b.ts#g'], declined), true);
  assert.equal(withinDeclined(['duplication:src/a.ts#f', 'duplication:src/c.ts#k'], declined), false, 'a new place is news');
  assert.equal(withinDeclined(['size:src/a.ts#f'], declined), false, 'another analyzer is another problem');
  assert.equal(withinDeclined([], declined), false);
  assert.equal(withinDeclined(undefined, declined), false);
});

const draft = (fingerprint: string, anchors?: string[]): ProposalDraft => ({
  title: fingerprint,
  why: 'w',
  evidence: [],
  size: 'S',
  risk: 'low',
  acceptance: [],
  fingerprint,
  source: 'static',
  related: [],
  ...(anchors ? { anchors } : {}),
});

test('reconcile leaves out drafts within a declined proposal, whatever their fingerprint', () => {
  const plan = reconcile(
    [],
    [draft('duplication:new1', ['duplication:src/a.ts#f']), draft('duplication:new2', ['duplication:src/z.ts#q'])],
    {
      declined: [['duplication:src/a.ts#f', 'duplication:src/b.ts#g']],
    },
  );
  assert.deepEqual(
    plan.toCreate.map((d) => d.fingerprint),
    ['duplication:new2'],
  );
});

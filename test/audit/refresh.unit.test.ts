// Which live proposals a fresh audit refreshes: only static, open or approved ones whose draft reads
// differently today, comparing the evidence always and the text only where the auditor agent did not refine it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProposalDraft } from '../../src/audit/proposals.js';
import { refreshesFor } from '../../src/audit/refresh.js';
import type { Proposal } from '../../src/record/tables.js';

const draft = (over: Partial<ProposalDraft> = {}): ProposalDraft => ({
  title: 'Split parse',
  why: 'parse is 90 lines long',
  evidence: ['src/a.ts:10-99'],
  size: 'M',
  risk: 'low',
  acceptance: ['The tests pass'],
  fingerprint: 'size:abc',
  source: 'static',
  related: [],
  ...over,
});

const row = (over: Partial<Proposal> = {}): Proposal => ({
  ...draft(),
  id: 'P-1',
  status: 'open',
  taskIds: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

test('nothing to refresh when the draft reads as the record does', () => {
  assert.deepEqual(refreshesFor([row()], [draft()]), []);
});

test('moved lines refresh the whole static draft, fix included', () => {
  const today = draft({ evidence: ['src/a.ts:14-103'], fix: 'extract parseHeader' });
  assert.deepEqual(refreshesFor([row()], [today]), [
    {
      id: 'P-1',
      title: 'Split parse',
      why: 'parse is 90 lines long',
      evidence: ['src/a.ts:14-103'],
      size: 'M',
      risk: 'low',
      acceptance: ['The tests pass'],
      fix: 'extract parseHeader',
      related: [],
    },
  ]);
});

test('each of why, fix, size, risk, acceptance, title and related counts as a change', () => {
  const changes: Partial<ProposalDraft>[] = [
    { why: 'longer now' },
    { fix: 'a fix' },
    { size: 'L' },
    { risk: 'high' },
    { acceptance: ['other'] },
    { title: 'Split parse in two' },
    { related: ['complexity:x'] },
  ];
  for (const change of changes) assert.equal(refreshesFor([row()], [draft(change)]).length, 1, JSON.stringify(change));
});

test('a field the auditor agent refined is not compared; the evidence still is', () => {
  const refined = row({ why: 'parse mixes header and body parsing', refined: ['why'], refinedBy: 'auditor' });
  assert.deepEqual(refreshesFor([refined], [draft()]), [], 'only the refined why differs');
  assert.equal(refreshesFor([refined], [draft({ evidence: ['src/a.ts:12-101'] })]).length, 1);
});

test('rejected, closed and model proposals are never refreshed; a fingerprint twice is refreshed once', () => {
  const moved = draft({ evidence: ['src/a.ts:1-90'] });
  assert.deepEqual(refreshesFor([row({ status: 'rejected' }), row({ id: 'P-2', status: 'closed' })], [moved]), []);
  assert.deepEqual(refreshesFor([row({ source: 'auditor' })], [moved]), []);
  assert.equal(refreshesFor([row({ status: 'approved' })], [moved, draft({ evidence: ['src/a.ts:2-91'] })]).length, 1);
});

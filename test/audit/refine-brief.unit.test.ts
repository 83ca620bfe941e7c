// The auditor agent's list of proposals to refine: id, title, why, fix, evidence, size, risk and acceptance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refineBrief } from '../../src/audit/refine-brief.js';
import type { Proposal } from '../../src/record/tables.js';

test('refineBrief lists each proposal with what the agent may rewrite, and says so when there is none', () => {
  const p: Proposal = {
    id: 'P-4',
    title: 'Split parse',
    why: 'parse is 90 lines long',
    evidence: ['src/a.ts:10-99', 'src/b.ts:1-5'],
    size: 'M',
    risk: 'low',
    acceptance: ['The tests pass'],
    fingerprint: 'size:x',
    source: 'static',
    fix: 'extract parseHeader',
    status: 'open',
    taskIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  assert.equal(
    refineBrief([p]),
    [
      'P-4: Split parse',
      '  why: parse is 90 lines long',
      '  fix: extract parseHeader',
      '  evidence: src/a.ts:10-99, src/b.ts:1-5',
      '  size M, risk low',
      '  - The tests pass',
    ].join('\n'),
  );
  assert.equal(refineBrief([]), '(no static proposals to refine)');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventDataSchemas } from '../../src/record/events.js';
import { proposalsFromFindings, reconcile, runAudit, type ProposalDraft } from '../../src/audit/index.js';
import { describe } from '../../src/audit/proposal-text.js';
import { loadFixture } from '../../support/audit/helpers.js';

async function seededDrafts(): Promise<ProposalDraft[]> {
  const fixture = await loadFixture('seeded');
  return proposalsFromFindings((await runAudit(fixture.root, fixture.config)).findings);
}

test('drafts are valid proposal.created data once the record gives them an id', async () => {
  const drafts = await seededDrafts();
  for (const [i, draft] of drafts.entries()) {
    const parsed = eventDataSchemas['proposal.created'].parse({ id: `P-${i + 1}`, ...draft });
    assert.deepEqual(parsed, { id: `P-${i + 1}`, ...draft });
    assert.ok(draft.evidence.length > 0 && draft.evidence.every((e) => /^[^:]+:\d+-\d+$/.test(e)), draft.title);
    assert.ok(draft.acceptance.includes('The tests pass (the configured gate commands exit 0)'), draft.title);
    assert.ok(
      draft.acceptance.some((a) => a.startsWith('`crucible audit` no longer reports')),
      draft.title,
    );
  }
  assert.equal(new Set(drafts.map((d) => d.fingerprint)).size, drafts.length);
});

test('findings are grouped: one proposal per duplicate pair, per function, per cycle; untested by directory; markers by file', async () => {
  const drafts = await seededDrafts();
  const count = (prefix: string) => drafts.filter((d) => d.fingerprint.startsWith(`${prefix}:`)).length;
  assert.equal(count('duplication'), 3);
  assert.equal(count('size'), 6);
  assert.equal(count('complexity'), 3);
  assert.equal(count('cycles'), 3);
  assert.equal(count('untested'), 1);
  assert.equal(count('unused-exports'), 3);
  assert.equal(count('any-density'), 3);
  assert.equal(count('markers'), 3);
  const pair = drafts.find((d) => d.evidence.includes('src/dup/orders.ts:3-10'));
  assert.deepEqual(pair?.evidence, ['src/dup/invoices.ts:5-12', 'src/dup/orders.ts:3-10']);
  assert.equal(pair?.risk, 'medium');
  assert.match(pair?.acceptance[0] ?? '', /exists once/);
  const ring = drafts.find((d) => d.evidence.includes('src/cycles/ring/a.ts:1-3'));
  assert.deepEqual(ring?.evidence, ['src/cycles/ring/a.ts:1-3', 'src/cycles/ring/b.ts:1-1', 'src/cycles/ring/c.ts:1-1']);
  const untested = drafts.find((d) => d.fingerprint.startsWith('untested:'));
  assert.equal(untested?.title, 'Add tests for 3 untested modules in src/untested');
  assert.equal(untested?.acceptance.filter((a) => a.startsWith('A test imports')).length, 3);
});

test('drafts come out in a stable order: errors and warnings before information', async () => {
  const [first, second] = [await seededDrafts(), await seededDrafts()];
  assert.deepEqual(first, second);
  const infoAt = first.findIndex((d) => d.fingerprint.startsWith('untested:'));
  assert.ok(first.slice(infoAt).every((d) => /^(untested|unused-exports|markers):/.test(d.fingerprint)));
});

test('reconcile: the same finding is not proposed twice; a vanished finding closes its proposal', async () => {
  const drafts = await seededDrafts();
  const first = reconcile([], drafts);
  assert.equal(first.toCreate.length, drafts.length);
  assert.deepEqual(first.toClose, []);
  const open = first.toCreate.map((d, i) => ({ id: `P-${i + 1}`, fingerprint: d.fingerprint, source: 'static', evidence: d.evidence }));
  assert.deepEqual(reconcile(open, drafts), { toCreate: [], toClose: [], kept: [] });
  const fixed = drafts.filter((d) => !d.evidence.includes('src/complex/grade.ts:1-9'));
  const next = reconcile(open, fixed);
  const gone = open.find((p) => p.evidence.includes('src/complex/grade.ts:1-9'));
  assert.deepEqual(next.toCreate, []);
  assert.deepEqual(
    next.toClose.map((c) => c.id),
    [gone?.id],
  );
  assert.match(next.toClose[0]?.reason ?? '', /no longer reports/);
});

test('reconcile: rejected fingerprints stay suppressed, design proposals stay open, partial audits close only what they read', async () => {
  const drafts = await seededDrafts();
  const [rejected, kept] = drafts;
  assert.ok(rejected && kept);
  assert.deepEqual(reconcile([], [rejected, kept], { suppressed: [rejected.fingerprint] }).toCreate, [kept]);
  const model = { id: 'P-9', fingerprint: 'design:split-runtime', source: 'model' };
  assert.deepEqual(reconcile([model], []).toClose, []);
  const elsewhere = { id: 'P-3', fingerprint: 'markers:x', evidence: ['src/other.ts:1-1'] };
  const here = { id: 'P-4', fingerprint: 'markers:y', evidence: ['src/touched.ts:3-3'] };
  assert.deepEqual(
    reconcile([elsewhere, here], [], { scannedPaths: ['src/touched.ts'] }).toClose.map((c) => c.id),
    ['P-4'],
  );
  assert.equal(reconcile([], [kept, kept]).toCreate.length, 1);
});

test('reconcile: an approved proposal closes only when its tasks are done and its finding is gone', () => {
  const approved = (id: string, fingerprint: string, unfinishedTasks: string[]) => ({
    id,
    fingerprint,
    status: 'approved' as const,
    unfinishedTasks,
  });
  const plan = reconcile(
    [
      { id: 'P-1', fingerprint: 'gone-open' },
      approved('P-2', 'gone-working', ['T-2']),
      approved('P-3', 'gone-done', []),
      approved('P-4', 'still-done', []),
      approved('P-5', 'still-working', ['T-5']),
    ],
    [{ fingerprint: 'still-done' }, { fingerprint: 'still-working' }] as ProposalDraft[],
  );
  assert.deepEqual(
    plan.toClose.map((c) => c.id),
    ['P-1', 'P-3'],
  );
  assert.match(plan.toClose[1]?.reason ?? '', /^fixed: its tasks are done/);
  assert.deepEqual(
    plan.kept.map((k) => [k.id, k.reason]),
    [
      ['P-2', 'stays approved: the audit no longer reports this finding, but its tasks are not all done (T-2 still to do)'],
      ['P-4', 'stays approved: its tasks are done, but the audit still reports this finding'],
    ],
  );
});

test('proposal text: titles name the thing to change, sizes follow the measure', () => {
  const fn = (value: number) =>
    describe([
      {
        analyzer: 'complexity',
        path: 'src/x.ts',
        startLine: 3,
        endLine: 40,
        message: `function parse has cyclomatic complexity ${value} (limit 10)`,
        severity: 'warning',
        metric: { name: 'cyclomatic-complexity', value, limit: 10 },
        fingerprint: 'complexity:1',
      },
    ]);
  assert.equal(fn(14).title, 'Simplify parse in src/x.ts (complexity 14)');
  assert.deepEqual([fn(14).size, fn(18).size, fn(25).size], ['S', 'M', 'L']);
  assert.deepEqual([fn(14).risk, fn(25).risk], ['medium', 'high']);
});

test('a large group keeps its re-audit and test criteria within the record limits', () => {
  const findings = Array.from({ length: 70 }, (_, i) => ({
    analyzer: 'untested' as const,
    path: `src/many/m${String(i).padStart(2, '0')}.ts`,
    startLine: 1,
    endLine: 10,
    message: `no test imports src/many/m${i}.ts`,
    severity: 'info' as const,
    fingerprint: `untested:${i}`,
  }));
  const [draft] = proposalsFromFindings(findings);
  assert.ok(draft);
  assert.equal(draft.evidence.length, 50);
  assert.ok(draft.acceptance.length <= 20);
  assert.match(draft.acceptance.at(-3) ?? '', /other 55 modules/);
  assert.match(draft.acceptance.at(-2) ?? '', /no longer reports/);
  assert.match(draft.acceptance.at(-1) ?? '', /tests pass/);
  eventDataSchemas['proposal.created'].parse({ id: 'P-1', ...draft });
});

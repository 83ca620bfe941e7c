import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventDataSchemas } from '../../src/record/events.js';
import { proposalsFromFindings, reconcile, runAudit, scoredProposals, type ProposalDraft } from '../../src/audit/index.js';
import { loadFixture } from '../../support/audit/helpers.js';

async function seededDrafts(): Promise<ProposalDraft[]> {
  const fixture = await loadFixture('seeded');
  const result = await runAudit(fixture.root, fixture.config);
  return proposalsFromFindings(result.findings, result.files);
}

test('drafts are valid proposal.created data once the record gives them an id', async () => {
  const drafts = await seededDrafts();
  for (const [i, draft] of drafts.entries()) {
    const parsed = eventDataSchemas['proposal.created'].parse({ id: `P-${i + 1}`, ...draft });
    assert.deepEqual(parsed, { id: `P-${i + 1}`, ...draft });
    assert.ok(draft.evidence.length > 0 && draft.evidence.every((e) => /^[^:]+:\d+-\d+$/.test(e)), draft.title);
    assert.ok(draft.acceptance.includes('The tests pass (the configured gate commands exit 0)'), draft.title);
    assert.ok(
      draft.acceptance.every((a) => !/no longer reports|at most \d+/.test(a)),
      `criteria about behaviour, not the metric: ${draft.title}`,
    );
    assert.ok((draft.fix ?? '').length > 0, draft.title);
  }
  assert.equal(new Set(drafts.map((d) => d.fingerprint)).size, drafts.length);
});

test('findings are grouped: one proposal per duplicate pair, per function (size and complexity as one), per cycle; untested by directory', async () => {
  const drafts = await seededDrafts();
  const count = (prefix: string) => drafts.filter((d) => d.fingerprint.startsWith(`${prefix}:`)).length;
  assert.equal(count('duplication'), 3);
  assert.equal(count('size'), 9, 'three long files and six long or complex functions, each one refactor');
  assert.equal(count('complexity'), 0, "a function's proposal is named by its path and name, whatever it was found for");
  assert.equal(count('cycles'), 3);
  assert.equal(count('untested'), 1);
  assert.equal(count('unused-exports'), 3);
  assert.equal(count('any-density'), 3);
  assert.equal(count('markers'), 3);
  const pair = drafts.find((d) => d.evidence.includes('src/dup/orders.ts:3-10'));
  assert.deepEqual(pair?.evidence, ['src/dup/invoices.ts:5-12', 'src/dup/orders.ts:3-10']);
  // Two whole functions, the same token for token, in modules that do not import each other: the function moves into a
  // module both import (a three-file change), not an import from one to the other.
  assert.equal(pair?.title, 'Move `invoiceSum` into src/dup/invoice-sum.ts for `orderTotal` to import: the two are the same function');
  assert.equal(pair?.size, 'M');
  assert.match(pair?.acceptance[0] ?? '', /exists once/);
  const ring = drafts.find((d) => d.evidence.includes('src/cycles/ring/a.ts:1-3'));
  assert.deepEqual(ring?.evidence, ['src/cycles/ring/a.ts:1-3', 'src/cycles/ring/b.ts:1-1', 'src/cycles/ring/c.ts:1-1']);
  const untested = drafts.find((d) => d.fingerprint.startsWith('untested:'));
  assert.equal(untested?.title, 'Add tests for 3 untested modules in src/untested');
  assert.equal(untested?.acceptance.filter((a) => a.startsWith('A test calls')).length, 3);
});

test('drafts come out in a stable order: concrete fixes for source, then for tests, then vague ones; by value over risk within each', async () => {
  const [first, second] = [await seededDrafts(), await seededDrafts()];
  assert.deepEqual(first, second);
  const fixture = await loadFixture('seeded');
  const result = await runAudit(fixture.root, fixture.config);
  const scored = scoredProposals(result.findings, result.files);
  const before = (a: (typeof scored)[number] | undefined, b: (typeof scored)[number]): boolean =>
    a !== undefined && (a.tier < b.tier || (a.tier === b.tier && a.score >= b.score));
  assert.ok(scored.every((s, i) => i === 0 || before(scored[i - 1], s)));
  assert.deepEqual(
    scored.map((s) => s.draft.fingerprint),
    proposalsFromFindings(result.findings, result.files).map((d) => d.fingerprint),
  );
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
  assert.match(draft.acceptance.at(-2) ?? '', /other 55 modules/);
  assert.match(draft.acceptance.at(-1) ?? '', /tests pass/);
  eventDataSchemas['proposal.created'].parse({ id: 'P-1', ...draft });
});

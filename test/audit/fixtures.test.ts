import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANALYZERS, ANALYZER_RUNS, collectSources, runAudit } from '../../src/audit/index.js';
import { loadFixture, locationOf, score } from '../../support/audit/helpers.js';

test('seeded fixture: every analyzer finds every seeded problem, with exact line ranges, and nothing else', async () => {
  const fixture = await loadFixture('seeded');
  const result = await runAudit(fixture.root, fixture.config);
  const scores = score(result.findings, fixture.expected);
  for (const analyzer of ANALYZERS) {
    const s = scores[analyzer];
    assert.ok(s.expected >= 3, `${analyzer}: the fixture seeds at least 3 problems (has ${s.expected})`);
    assert.deepEqual({ analyzer, missed: s.missed, unexpected: s.unexpected }, { analyzer, missed: [], unexpected: [] });
    assert.equal(s.recall, 1, `${analyzer} recall`);
    assert.equal(s.precision, 1, `${analyzer} precision`);
  }
});

test('seeded fixture: each analyzer run alone reports exactly its own findings', async () => {
  const fixture = await loadFixture('seeded');
  const files = await collectSources(fixture.root, fixture.config);
  for (const analyzer of ANALYZERS) {
    const found = ANALYZER_RUNS[analyzer].run(files, fixture.config);
    assert.ok(found.every((f) => f.analyzer === analyzer));
    assert.deepEqual(found.map(locationOf).sort(), [...fixture.expected[analyzer]].sort(), analyzer);
  }
});

test('clean fixture: no analyzer reports anything', async () => {
  const fixture = await loadFixture('clean');
  const result = await runAudit(fixture.root, fixture.config);
  assert.ok(result.filesScanned >= 5);
  assert.deepEqual(
    result.findings.map((f) => `${f.analyzer} ${locationOf(f)} ${f.message}`),
    [],
  );
});

test('fingerprints are unique within a run and survive line shifts', async () => {
  const fixture = await loadFixture('seeded');
  const files = await collectSources(fixture.root, fixture.config);
  const shifted = files.map((f) => ({ path: f.path, content: `\n\n\n${f.content}` }));
  const before = ANALYZERS.flatMap((a) => ANALYZER_RUNS[a].run(files, fixture.config));
  const after = ANALYZERS.flatMap((a) => ANALYZER_RUNS[a].run(shifted, fixture.config));
  assert.equal(new Set(before.map((f) => f.fingerprint)).size, before.length);
  assert.deepEqual(after.map((f) => f.fingerprint).sort(), before.map((f) => f.fingerprint).sort());
  const byFingerprint = new Map(before.map((f) => [f.fingerprint, f]));
  for (const f of after) {
    const old = byFingerprint.get(f.fingerprint);
    assert.ok(old);
    const wholeFile = f.analyzer === 'untested' || f.metric?.name === 'file-lines';
    assert.deepEqual([f.startLine, f.endLine], [wholeFile ? 1 : old.startLine + 3, old.endLine + 3], locationOf(f));
  }
});

test('a fixed finding disappears and the others keep their fingerprints', async () => {
  const fixture = await loadFixture('seeded');
  const files = await collectSources(fixture.root, fixture.config);
  const run = (input: typeof files) => ANALYZERS.flatMap((a) => ANALYZER_RUNS[a].run(input, fixture.config));
  const before = run(files);
  const fixed = files.map((f) =>
    f.path === 'src/markers/todo.ts'
      ? { ...f, content: f.content.replace('// TODO: back off exponentially instead of retrying at once\n', '') }
      : f,
  );
  const after = run(fixed);
  const gone = before.filter((b) => !after.some((a) => a.fingerprint === b.fingerprint));
  assert.deepEqual(gone.map(locationOf), ['src/markers/todo.ts:2-2']);
  assert.equal(after.length, before.length - 1);
});

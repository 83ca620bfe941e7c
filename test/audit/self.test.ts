import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYZERS, crucibleRoot, proposalsFromFindings, runAudit } from '../../src/audit/index.js';
import { lineCount } from '../../src/audit/parse.js';

// How long the audit takes is a benchmark (npm run bench), not an assertion: the machines are shared and noisy.
test("self-audit: Crucible's own source is audited, with valid line ranges", async () => {
  const result = await runAudit('/nonexistent', {}, { self: true });
  const root = crucibleRoot();
  assert.equal(result.root, root);
  assert.ok(existsSync(join(root, 'src', 'audit', 'run.ts')));
  assert.ok(result.filesScanned > 50, `scanned ${result.filesScanned} files`);
  assert.ok(result.findings.length > 0);
  const lines = new Map<string, number>();
  for (const f of result.findings) {
    assert.ok(ANALYZERS.includes(f.analyzer));
    assert.ok(!f.path.includes('fixtures/') && !f.path.startsWith('node_modules/'), f.path);
    if (!lines.has(f.path)) lines.set(f.path, lineCount(readFileSync(join(root, f.path), 'utf8')));
    const total = lines.get(f.path) ?? 0;
    assert.ok(f.startLine >= 1 && f.startLine <= f.endLine && f.endLine <= total, `${f.path}:${f.startLine}-${f.endLine} (file has ${total} lines)`);
  }
  assert.equal(new Set(result.findings.map((f) => f.fingerprint)).size, result.findings.length);
  const drafts = proposalsFromFindings(result.findings);
  assert.ok(drafts.length > 0 && drafts.length <= result.findings.length);
});

test('the src tree alone can be audited as a directory', async () => {
  const root = crucibleRoot();
  const result = await runAudit(join(root, 'src'), {});
  assert.ok(result.filesScanned > 30);
  assert.ok(result.findings.every((f) => !f.path.startsWith('src/') && f.startLine <= f.endLine));
});

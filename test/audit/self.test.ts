import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYZERS, crucibleRoot, proposalsFromFindings, runAudit, type AuditResult, type Finding } from '../../src/audit/index.js';
import { lineCount } from '../../src/audit/parse.js';

// How long the audit takes is a benchmark (npm run bench), not an assertion: the machines are shared and noisy.

/** What the self-audit reads, listed independently of the audit's own collector (fixtures are deliberately bad code). */
const SCANNED: Array<[dir: string, extension: RegExp]> = [
  ['src', /\.tsx?$/],
  ['test', /\.tsx?$/],
  ['support', /\.ts$/],
  ['bench', /\.ts$/],
  ['scripts', /\.m?js$/],
];

function scannedFiles(root: string): string[] {
  return SCANNED.flatMap(([dir, extension]) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: false })
      .map((file) => `${dir}/${String(file)}`)
      .filter((file) => extension.test(file) && !file.endsWith('.d.ts') && !file.split('/').includes('fixtures')),
  );
}

const physicalLines = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const by = (result: AuditResult, analyzer: Finding['analyzer'], path: string): Finding[] =>
  result.findings.filter((f) => f.analyzer === analyzer && f.path === path);

let audited: Promise<AuditResult> | undefined;
const selfAudit = (): Promise<AuditResult> => (audited ??= runAudit('/nonexistent', {}, { self: true }));

test("self-audit: Crucible's own source is audited, with valid line ranges, and nothing outside it", async () => {
  const result = await selfAudit();
  const root = crucibleRoot();
  assert.equal(result.root, root);
  assert.ok(existsSync(join(root, 'src', 'audit', 'run.ts')));
  assert.equal(result.filesScanned, scannedFiles(root).length, 'every file of src, test, support, bench and scripts, no fixture');
  const lines = new Map<string, number>();
  for (const f of result.findings) {
    assert.ok(ANALYZERS.includes(f.analyzer));
    assert.match(f.path, /^(src|test|support|bench|scripts)\//, f.path);
    assert.ok(!f.path.split('/').includes('fixtures') && !f.path.includes('node_modules/') && !f.path.startsWith('dist/'), f.path);
    if (!lines.has(f.path)) lines.set(f.path, lineCount(readFileSync(join(root, f.path), 'utf8')));
    const total = lines.get(f.path) ?? 0;
    assert.ok(
      f.startLine >= 1 && f.startLine <= f.endLine && f.endLine <= total,
      `${f.path}:${f.startLine}-${f.endLine} (file has ${total} lines)`,
    );
  }
  assert.equal(new Set(result.findings.map((f) => f.fingerprint)).size, result.findings.length);
  const drafts = proposalsFromFindings(result.findings);
  assert.ok(drafts.length > 0 && drafts.length <= result.findings.length);
});

test('self-audit: the size analyzer reports exactly the files over 300 lines, and a known long function', async () => {
  const result = await selfAudit();
  const root = crucibleRoot();
  const oversize = scannedFiles(root)
    .filter((file) => physicalLines(readFileSync(join(root, file), 'utf8')) > 300)
    .sort();
  const reported = result.findings
    .filter((f) => f.analyzer === 'size' && f.message.startsWith('file has'))
    .map((f) => f.path)
    .sort();
  assert.ok(oversize.includes('test/tools/os-sandbox.test.ts'), 'a known oversize file keeps this check from being vacuous');
  assert.deepEqual(reported, oversize);
  assert.ok(
    by(result, 'size', 'src/retrieval/ingest.ts').some((f) => /^function ingest has \d+ lines \(limit 60\)$/.test(f.message)),
    'ingest() is over 60 lines',
  );
});

test('self-audit: a known duplicate, a known complex function, no import cycle, and no test, bench or script called untested', async () => {
  const result = await selfAudit();
  const copies = by(result, 'duplication', 'src/model/loopback-sse.ts');
  assert.equal(copies.length, 1, 'chunks() in loopback-sse.ts is a renamed copy of chunk() in scripted.ts');
  assert.match(copies[0]?.message ?? '', /duplicate src\/model\/scripted\.ts:\d+-\d+ \(\d+ tokens\)$/);
  assert.equal(copies[0]?.symbol, 'chunks');
  assert.deepEqual(by(result, 'duplication', 'test/shared/terminal-text.unit.test.ts'), [], 'two tables of cases are not a copy');
  assert.ok(
    by(result, 'complexity', 'support/helpers/workload.ts').some(
      (f) => f.message.startsWith('function appendMixed.nextDraft has cognitive complexity') && f.symbol === 'appendMixed.nextDraft',
    ),
  );
  assert.deepEqual(
    result.findings.filter((f) => f.analyzer === 'cycles').map((f) => f.message),
    [],
    'src has no import cycle',
  );
  assert.deepEqual(
    result.findings.filter((f) => f.analyzer === 'untested' && /^(test|support|bench|scripts)\//.test(f.path)).map((f) => f.path),
    [],
  );
  assert.ok(
    result.findings.some((f) => f.analyzer === 'untested' && f.path.startsWith('src/')),
    'some src module is imported by no test',
  );
});

// A directory inside the checkout is audited as a plain directory (paths relative to it), not as the checkout. One
// subtree of src/ shows it at a fifth of the cost of all of src/ (the self-audit above already parses every file once).
test('a subtree of src alone can be audited as a directory', async () => {
  const root = crucibleRoot();
  const result = await runAudit(join(root, 'src', 'model'), {});
  assert.ok(result.filesScanned > 30);
  assert.ok(result.findings.length > 0, 'findings to check the paths of');
  assert.ok(result.findings.every((f) => !f.path.startsWith('src/') && !f.path.startsWith('model/') && f.startLine <= f.endLine));
});

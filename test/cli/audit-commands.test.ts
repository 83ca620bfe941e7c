import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/open.js';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { duplicatedBlock } from '../../support/audit/helpers.js';

/** An export nothing uses: dead code, worth its own proposal. */
const DEAD = 'export function unusedHelper(): number {\n  return 1;\n}\n';

interface Proposal {
  id: string;
  title: string;
  status: string;
  fingerprint: string;
  taskIds: string[];
}

test('audit → approve → fix → re-audit closes the proposal; a rejected one is not proposed again', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.ts'), duplicatedBlock('scoreA'));
    await writeFile(join(dir, 'src/b.ts'), `${duplicatedBlock('scoreB')}${DEAD}`);
    const first = await cliJson<{ proposals: { created: string[] }; findings: { analyzer: string }[] }>(dir, 'audit');
    assert.ok(first.findings.some((f) => f.analyzer === 'duplication'));
    const open = await cliJson<Proposal[]>(dir, 'proposals', 'list');
    const dup = open.find((p) => p.fingerprint.startsWith('duplication'));
    const marker = open.find((p) => p.fingerprint.startsWith('unused-exports'));
    assert.ok(dup && marker, JSON.stringify(open.map((p) => p.fingerprint)));

    const approved = await cliJson<{ taskIds: string[] }>(dir, 'proposals', 'approve', dup.id);
    assert.equal(approved.taskIds.length, 2);
    assert.equal((await cli(dir, 'proposals', 'approve', dup.id)).code, 5, 'approving twice is refused');
    await cliJson(dir, 'proposals', 'reject', marker.id, '--reason', 'we keep this helper for later');

    // The implementer's fix: b.ts reuses a.ts instead of copying it; then the tasks pass their gates.
    await writeFile(join(dir, 'src/b.ts'), `import { scoreA } from './a.js';\nexport const scoreB = scoreA;\n${DEAD}`);
    const ws = await openWorkspace({ dir });
    try {
      for (const id of approved.taskIds) {
        await ws.store.appendAll([
          { type: 'task.claimed', actor: 'agent', data: { id, assignee: 'agent' } },
          { type: 'task.started', actor: 'agent', data: { id } },
          { type: 'task.completed', actor: 'agent', data: { id, evidence: [{ kind: 'command', command: 'npm test', exitCode: 0 }] } },
        ]);
      }
    } finally {
      await ws.close();
    }
    const again = await cliJson<{ proposals: { created: string[]; closed: string[] } }>(dir, 'audit');
    assert.ok(again.proposals.closed.includes(dup.id), 'the duplicate is gone, so its proposal closes');
    const all = await cliJson<Proposal[]>(dir, 'proposals', 'list', '--status', 'all');
    assert.equal(all.find((p) => p.id === dup.id)?.status, 'closed');
    assert.equal(all.filter((p) => p.fingerprint === marker.fingerprint).length, 1, 'the rejected finding was not proposed again');
  } finally {
    await cleanup();
  }
});

test('proposals decline: a reason is required, --json says declined, list and show print it, and declining twice is allowed', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.ts'), duplicatedBlock('scoreA'));
    await writeFile(join(dir, 'src/b.ts'), duplicatedBlock('scoreB'));
    await cliJson(dir, 'audit');
    const [dup] = await cliJson<Proposal[]>(dir, 'proposals', 'list');
    assert.ok(dup);
    assert.equal((await cli(dir, 'proposals', 'decline', dup.id)).code, 2, 'no --reason: a usage error');
    assert.equal((await cli(dir, 'proposals', 'decline', dup.id, '--reason', ' ')).code, 2, 'a blank reason: a usage error');
    assert.equal((await cli(dir, 'proposals', 'decline', 'P-99', '--reason', 'x')).code, 4, 'an unknown id');
    const declined = await cliJson<{ id: string; status: string; declined: boolean }>(
      dir,
      'proposals',
      'decline',
      dup.id,
      '--reason',
      'kept apart',
    );
    assert.deepEqual(declined, { id: dup.id, status: 'rejected', declined: true });
    assert.match((await cli(dir, 'proposals', 'list', '--status', 'rejected')).stdout, new RegExp(`${dup.id}\\s+declined`));
    assert.match((await cli(dir, 'proposals', 'show', dup.id)).stdout, /\[declined\]/);
    assert.equal((await cli(dir, 'proposals', 'approve', dup.id)).code, 5, 'a declined proposal cannot be approved');
    const again = await cliJson<{ proposals: { created: string[] } }>(dir, 'audit');
    assert.deepEqual(again.proposals.created, [], 'not proposed again');
  } finally {
    await cleanup();
  }
});

test('audit --model scripted: the auditor agent reads the findings and adds a design-level proposal', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.ts'), duplicatedBlock('scoreA'));
    await writeFile(
      join(dir, 'auditor.yaml'),
      [
        'version: 1',
        'roles:',
        '  auditor:',
        '    - text: The scoring rules belong in one table.',
        '      tools:',
        '        - name: propose_improvement',
        '          input:',
        '            title: Move the scoring thresholds into one rules table',
        '            why: The thresholds 10 and 5 are magic numbers that will drift between callers.',
        '            evidence: ["src/a.ts:4-8"]',
        '            size: S',
        '            acceptance: ["the thresholds live in one exported table", "the tests pass"]',
        '    - text: That is my only design-level proposal.',
      ].join('\n'),
    );
    const result = await cliJson<{ proposals: { created: string[] } }>(dir, 'audit', '--model', 'scripted', '--script', 'auditor.yaml');
    const all = await cliJson<(Proposal & { source: string })[]>(dir, 'proposals', 'list', '--status', 'all');
    const design = all.find((p) => p.source === 'auditor');
    assert.equal(design?.title, 'Move the scoring thresholds into one rules table');
    assert.ok(result.proposals.created.includes(design.id));
  } finally {
    await cleanup();
  }
});

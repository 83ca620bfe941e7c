// An approved proposal closes only when its tasks are done and the re-audit confirms its finding is gone:
// a real record, a real audit of a small tree on disk, and the post-run re-audit hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reauditFinishedProposals } from '../../src/audit/reaudit.js';
import { approveProposal, recordAudit } from '../../src/audit/record-audit.js';
import { runAudit } from '../../src/audit/run.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';
import { duplicatedBlock } from '../../support/audit/helpers.js';

/** A workspace whose tree holds one duplicated block, audited once, its duplication proposal approved. */
async function withApprovedDuplicate(fn: (ctx: { ws: Workspace; dir: string; id: string; taskIds: string[] }) => Promise<void>) {
  const { dir, cleanup } = await tempDir('crucible-closing-');
  try {
    await initWorkspace(dir);
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.ts'), duplicatedBlock('scoreA'));
    await writeFile(join(dir, 'src/b.ts'), duplicatedBlock('scoreB'));
    const ws = await openWorkspace({ dir });
    try {
      await audit(ws);
      const dup = [...ws.store.view.rows('proposals')].find((p) => p.fingerprint.startsWith('duplication'));
      assert.ok(dup, 'the copied block is proposed');
      const taskIds = await approveProposal(ws.store, dup, 'human');
      await fn({ ws, dir, id: dup.id, taskIds });
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

const audit = async (ws: Workspace) => recordAudit(ws.store, await runAudit(ws.paths.root, ws.config.audit), 'human');
const statusOf = (ws: Workspace, id: string) => ws.store.view.get('proposals', id)?.status;
const removeDuplicate = (dir: string) =>
  writeFile(join(dir, 'src/b.ts'), "import { scoreA } from './a.js';\nexport const scoreB = scoreA;\n");

async function complete(ws: Workspace, id: string): Promise<void> {
  await ws.store.appendAll([
    { type: 'task.claimed', actor: 'agent', data: { id, assignee: 'agent' } },
    { type: 'task.started', actor: 'agent', data: { id } },
    { type: 'task.completed', actor: 'agent', data: { id, evidence: [{ kind: 'command', command: 'npm test', exitCode: 0 }] } },
  ]);
}

test('an approved proposal whose finding is gone stays approved while its tasks are open, and closes once they are done', async () => {
  await withApprovedDuplicate(async ({ ws, dir, id, taskIds }) => {
    await removeDuplicate(dir);
    const early = await audit(ws);
    assert.ok(!early.closed.includes(id), 'the finding is gone, but nobody has finished the work');
    assert.equal(statusOf(ws, id), 'approved');
    assert.match(early.kept.find((k) => k.id === id)?.reason ?? '', /stays approved.*not all done \(T-\d+, T-\d+ still to do\)/);

    const [impl, check] = taskIds;
    assert.ok(impl && check);
    await complete(ws, impl);
    assert.ok(!(await audit(ws)).closed.includes(id), 'the test task is still open');
    assert.equal(statusOf(ws, id), 'approved');

    await complete(ws, check);
    await reauditFinishedProposals(ws); // the post-run re-audit every session's runtime gets as `afterRun`
    assert.equal(statusOf(ws, id), 'closed');
    assert.match(ws.store.view.get('proposals', id)?.resolution ?? '', /^fixed: its tasks are done and the audit no longer reports/);
  });
});

test('an approved proposal whose tasks are done but whose finding is still reported stays approved, and the audit says so', async () => {
  await withApprovedDuplicate(async ({ ws, id, taskIds }) => {
    for (const t of taskIds) await complete(ws, t);
    await reauditFinishedProposals(ws);
    assert.equal(statusOf(ws, id), 'approved');
    const again = await audit(ws);
    assert.deepEqual(again.closed, []);
    assert.deepEqual(again.created, [], 'the finding is not proposed a second time');
    assert.deepEqual(again.kept, [{ id, reason: 'stays approved: its tasks are done, but the audit still reports this finding' }]);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

interface AuditDemo {
  summary: { state: string; tasks: Record<string, number>; usage: { turns: number } };
  tasks: { id: string; status: string }[];
  audit: { proposal: { id: string; title: string } | null; tasks: string[]; finalStatus: string; resolution: string };
}

test('crucible demo --audit: the seeded duplication is found, approved, fixed through the gates and confirmed gone', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<AuditDemo>(dir, 'demo', '--audit', '--dir', join(dir, 'strkit'));
    assert.match(demo.audit.proposal?.title ?? '', /^Make `kebabCase` call `slugify`: the two are the same function/);
    assert.deepEqual(demo.audit.tasks, ['T-4', 'T-5']);
    assert.deepEqual(
      demo.tasks.filter((t) => demo.audit.tasks.includes(t.id)).map((t) => t.status),
      ['done', 'done'],
    );
    assert.equal(demo.audit.finalStatus, 'closed');
    // The summary covers both runs: the task counts are the record's at the end (not "3 done" from before the audit round).
    assert.deepEqual(demo.summary.tasks, { done: demo.tasks.length });
    assert.equal(demo.tasks.length, 5);
    assert.equal(demo.summary.state, 'done');
    assert.match(demo.audit.resolution, /no longer reports this finding/);
  } finally {
    await cleanup();
  }
});

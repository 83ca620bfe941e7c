import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

interface AuditDemo {
  tasks: { id: string; status: string }[];
  audit: { proposal: { id: string; title: string } | null; tasks: string[]; finalStatus: string; resolution: string };
}

test('crucible demo --audit: the seeded duplication is found, approved, fixed through the gates and confirmed gone', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<AuditDemo>(dir, 'demo', '--audit', '--dir', join(dir, 'strkit'));
    assert.match(demo.audit.proposal?.title ?? '', /^Merge the copies in `slugify` and `kebabCase` into `\w+`/);
    assert.deepEqual(demo.audit.tasks, ['T-4', 'T-5']);
    assert.deepEqual(
      demo.tasks.filter((t) => demo.audit.tasks.includes(t.id)).map((t) => t.status),
      ['done', 'done'],
    );
    assert.equal(demo.audit.finalStatus, 'closed');
    assert.match(demo.audit.resolution, /no longer reports this finding/);
  } finally {
    await cleanup();
  }
});

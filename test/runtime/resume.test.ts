import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_GOAL, prepareDemoProject } from '../../src/runtime/demo.js';
import { LevelEventStore } from '../../src/record/store.js';
import { cliJson } from '../helpers/cli.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

test('SIGKILL during a run, then `crucible run --resume`: every task done once, no event lost', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = await prepareDemoProject(join(dir, 'strkit'));
    const child = spawnTs(join(repoRoot, 'src/cli/crucible.ts'), ['run', '--goal', DEMO_GOAL, '--auto-answer', 'first', '--dir', root]);
    let seen = '';
    child.stderr?.on('data', (d: Buffer) => {
      seen += d.toString();
      // Kill in the middle of the tester's task: after it wrote its file, before it completed.
      if (/\[tester\] link_code/.test(seen) && !child.killed) child.kill('SIGKILL');
    });
    const killed = await collect(child);
    assert.equal(killed.signal, 'SIGKILL', `the run ended before it could be killed: ${seen}`);

    const resumed = await cliJson<{ state: string; tasks: Record<string, number> }>(root, 'run', '--resume', '--auto-answer', 'first');
    assert.equal(resumed.state, 'done');
    assert.deepEqual(resumed.tasks, { done: 3 });

    const store = await LevelEventStore.open({ dir: join(root, '.crucible/db'), holderFile: join(root, '.crucible/holder.json') });
    try {
      const completed = new Map<string, number>();
      const seqs: number[] = [];
      let runs = 0;
      let requeued = 0;
      for await (const e of store.read()) {
        seqs.push(e.seq);
        if (e.type === 'task.completed') completed.set(e.data.id, (completed.get(e.data.id) ?? 0) + 1);
        if (e.type === 'run.started') runs += 1;
        if (e.type === 'task.released' && /restarted/.test(e.data.reason ?? '')) requeued += 1;
      }
      assert.deepEqual(Object.fromEntries(completed), { 'T-1': 1, 'T-2': 1, 'T-3': 1 });
      assert.ok(
        seqs.every((s, i) => s === i + 1),
        'the log is gap-free',
      );
      assert.equal(runs, 2);
      assert.equal(requeued, 1, 'the interrupted tester task was re-queued');
      assert.equal([...store.view.rows('judgments')].length, 1, 'the judgment was not asked twice');
      // The resumed tester links the same lines again: the record keeps one link each (not L-1..3 again as L-4..6).
      const links = [...store.view.rows('links')].map((l) => `${l.entity} ${l.path} ${l.rel}`);
      assert.deepEqual(links.sort(), [
        'R-1 test/strings.test.js verifies',
        'R-2 test/strings.test.js verifies',
        'R-3 test/strings.test.js verifies',
        'T-3 src/strings.js implements',
      ]);
    } finally {
      await store.close();
    }
  } finally {
    await cleanup();
  }
});

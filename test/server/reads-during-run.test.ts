import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { startHeldRun } from './held-run.js';

test('every CLI read works while `crucible run` holds the workspace', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir('crucible-reads-');
  const run = await startHeldRun(dir);
  try {
    const read = async (...args: string[]) => {
      const result = await cli(dir, ...args);
      assert.equal(result.code, 0, `crucible ${args.join(' ')} during the run: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /held by/);
      return result.stdout;
    };
    assert.match(await read('status'), /in_progress/);
    // The charts too: the holder sends the usage samples and the tasks, this side draws them.
    assert.match(
      await read('status', '--stats'),
      /usage over time[\s\S]*burndown[\s\S]*open tasks\n {2}T-1 \[in_progress\] Wait for the release/,
    );
    const charted = JSON.parse(await read('status', '--stats', '--json')) as {
      tasks: Record<string, number>;
      stats: { agents: { agent: string }[]; burndown: { open: number }[]; openGraph: { id: string; status: string }[] };
    };
    assert.equal(charted.tasks.in_progress, 1);
    assert.deepEqual(
      charted.stats.openGraph.map((n) => [n.id, n.status]),
      [['T-1', 'in_progress']],
    );
    assert.equal(charted.stats.burndown.at(-1)?.open, 1);
    assert.match(await read('task', 'list'), /T-1\s+in_progress\s+implementer\s+Wait for the release/);
    const shown = JSON.parse(await read('task', 'show', 'T-1', '--json')) as { task: { id: string; status: string }; trace: unknown };
    assert.equal(shown.task.id, 'T-1');
    assert.equal(shown.task.status, 'in_progress');
    assert.match(await read('task', 'show', 'T-1'), /Wait for the release/);
    assert.match(await read('log', '--limit', '50'), /task\.claimed/);
    assert.match(await read('trace', 'T-1'), /T-1/);
    assert.match(await read('req', 'list'), /R-1.*The run waits for a release file/);
    assert.match(await read('judgments', 'list'), /No pending judgments/);
    assert.match(await read('search', 'release', '--mode', 'hybrid'), /No hits|release/);
    // Not found is still not found when the holder answers.
    const missing = await cli(dir, 'task', 'show', 'T-9');
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /task T-9 does not exist/);
  } finally {
    await run.release();
    assert.equal(await run.exited, 0, run.err());
    await cleanup();
  }
});

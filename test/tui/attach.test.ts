import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { connectSession } from '../../src/server/client.js';
import { attachSession } from '../../src/tui/session/attach.js';
import { initialState } from '../../src/tui/state/initial.js';
import { TuiStore } from '../../src/tui/store.js';
import { tempDir } from '../../support/helpers/temp.js';
import { startHeldRun } from '../server/held-run.js';
import { waitFor } from './ink-harness.js';

/**
 * A TUI store fed over the socket by a real `crucible run`: the frames become
 * the same engine batches the in-process bridge dispatches (record, agents,
 * run phase, log), p pauses and resumes the holder's coordinator through
 * live.control, and the end of the run reaches the store.
 */
test(
  'an attached session feeds the store from a running `crucible run`, pauses and resumes it, and sees it end',
  { timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-attach-');
    const run = await startHeldRun(dir);
    let released = false;
    try {
      const client = await connectSession(join(dir, '.crucible', 'crucible.sock'));
      assert.ok(client, 'the run serves its socket');
      assert.equal(client.hello.name, 'crucible run');
      const store = new TuiStore(initialState({ cols: 100, rows: 30, project: { name: '…', root: '', goal: '' } }));
      const session = attachSession(client, dir, store, () => undefined);
      const state = store.getState;
      await waitFor(() => state().record.tasks.some((t) => t.id === 'T-1' && t.status === 'in_progress'), 'the task board from the holder');
      await waitFor(() => state().agents.some((a) => a.role === 'implementer' && a.job?.taskId === 'T-1'), "the holder's agents");
      assert.equal(state().run.kind, 'live');
      assert.ok(
        state().log.some((e) => e.type === 'task.claimed'),
        'recent events reach the Log tab',
      );
      assert.match(state().ui.notice?.text ?? '', /Attached to crucible run \(process \d+\)/);
      assert.equal(session.attachedTo?.startsWith('crucible run'), true);

      await waitFor(() => state().run.kind === 'live' && (state().run as { phase: string }).phase === 'running', 'the running phase');
      store.dispatch({ type: 'key.pause' });
      await waitFor(() => (state().run as { phase?: string }).phase === 'paused', 'the holder to pause');
      store.dispatch({ type: 'key.pause' });
      await waitFor(() => (state().run as { phase?: string }).phase === 'running', 'the holder to resume');
      // r does not start a second run in the attached view.
      store.dispatch({ type: 'key.run' });
      assert.match(state().ui.notice?.text ?? '', /The run is going/);

      // The Stats tab reads the holder's usage over the socket (stats.usage), then follows the frames' model turns.
      store.dispatch({ type: 'key.stats' });
      await waitFor(() => state().stats.status === 'ready', "the holder's usage for the Stats tab");
      assert.ok(
        state().stats.samples.some((s) => s.agent === 'implementer'),
        JSON.stringify(state().stats),
      );
      assert.ok(
        state().stats.samples.every((s, i, all) => i === 0 || s.seq > all[i - 1]!.seq),
        'in log order, no doubles',
      );
      // Quitting here detaches: the holder's run goes on.
      assert.equal(state().attachedTo, session.attachedTo);

      await run.release();
      released = true;
      await waitFor(() => state().run.kind === 'ended', 'the end of the run', 60_000);
      assert.deepEqual(state().run, {
        kind: 'ended',
        state: 'done',
        reason: state().run.kind === 'ended' ? (state().run as { reason: string }).reason : '',
      });
      await waitFor(() => state().record.tasks.find((t) => t.id === 'T-1')?.status === 'done', 'T-1 done');
      assert.equal(await run.exited, 0, run.err());
      await session.watching;
      await waitFor(() => /has let go of the project/.test(state().ui.notice?.text ?? ''), 'the notice that the holder went');
      await session.close();
    } finally {
      if (!released) {
        await run.release();
        await run.exited;
      }
      await cleanup();
    }
  },
);

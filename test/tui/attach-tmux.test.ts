import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../support/helpers/temp.js';
import { startHeldRun } from '../server/held-run.js';
import { tmuxTerminal } from '../helpers/tmux-terminal.js';
import { hasTmux, NO_TMUX, tuiCommand } from './tmux.js';

/**
 * In a real terminal: `crucible run` holds the project (the scripted model, no
 * key) and `crucible-tui` in tmux attaches to it over the socket instead of
 * refusing: it shows the run's agent and task live, follows the run to its
 * end, and quits without stopping the run.
 */

const { start, keys, until, kill } = tmuxTerminal('crucible-attach', 'attach');

test(
  'crucible-tui attaches to a run held by `crucible run` and shows its agents and tasks',
  { skip: hasTmux ? false : NO_TMUX, timeout: 150_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-attach-tmux-');
    const run = await startHeldRun(dir);
    let released = false;
    try {
      await start(`${tuiCommand} --dir ${dir}`);
      const attached = await until(/Attached to crucible run \(process \d+\)/, 'the TUI to attach');
      assert.doesNotMatch(attached, /held by/);
      await until(/implementer/, "the run's implementer in the agents list");
      keys('Tab');
      keys('Tab');
      const board = await until(/T-1 .*Wait for the release/, 'the task board with T-1');
      assert.match(board, /T-1/);

      await run.release();
      released = true;
      await until(/T-1 +✓ done/, 'T-1 done, as the run records it', 60_000);
      assert.equal(await run.exited, 0, run.err());
      keys('q');
      const after = await until(/exit=0/, 'crucible-tui to exit');
      assert.match(after, /crucible-tui: detached from crucible run \(process \d+\), which goes on · tasks 1\/1 done/);
    } finally {
      kill();
      if (!released) {
        await run.release();
        await run.exited;
      }
      await cleanup();
    }
  },
);

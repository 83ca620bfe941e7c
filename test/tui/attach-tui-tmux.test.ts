import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../support/helpers/temp.js';
import { tmuxTerminal } from '../helpers/tmux-terminal.js';
import { hasTmux, NO_TMUX, tuiCommand } from './tmux.js';

/**
 * Two real terminals on one project: crucible-tui #1 runs the demo and holds the
 * workspace (its run waits for the judgment J-1); crucible-tui #2 in the same
 * directory attaches to it over the socket and shows its live state: the agents,
 * the waiting judgment, the Stats tab from #1's record. Quitting #2 offers to
 * detach (not to stop the agents); #2 answers J-1 for #1, both watch the run
 * finish, #2 detaches and #1 quits as usual.
 */

const first = tmuxTerminal('crucible-holder', 'holder');
const second = tmuxTerminal('crucible-viewer', 'viewer');

test(
  'a second crucible-tui on the same project attaches to the first and shows its live state',
  { skip: hasTmux ? false : NO_TMUX, timeout: 150_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-tui-twice-');
    const project = join(dir, 'strkit');
    try {
      await first.start(`${tuiCommand} --demo --dir ${project} --pace 10`);
      await first.until(/⚑ 1 judgment waiting/, 'the demo in TUI #1 to ask J-1', 60_000);

      await second.start(`${tuiCommand} --dir ${project}`);
      const attached = await second.until(/Attached to crucible-tui \(process \d+\): its run goes on when you quit/, 'TUI #2 to attach');
      assert.doesNotMatch(attached, /held by/);
      const live = await second.until(/⚑ architect T-1 ⚑J-1/, "TUI #1's architect waiting on J-1, in TUI #2");
      assert.match(live, /⚑ 1 judgment waiting/);

      // The Stats tab reads TUI #1's record over the socket.
      second.keys('s');
      const stats = await second.until(/Tokens and cost per agent over time \(since /, 'the Stats tab in TUI #2');
      assert.match(stats, / planner +[▁-█]+ [\d.]+k? tokens/);
      assert.match(stats, /Open tasks by dependency \(\d+\)/);
      assert.match(stats, /T-1 .*Design/);

      // Quitting #2 while #1's agents work only detaches: the prompt says so and does not offer to stop them.
      second.keys('q');
      const asked = await second.until(/Detach\?/, 'the detach prompt');
      assert.match(asked, /y detach +n stay/);
      assert.doesNotMatch(asked, /stops them|Quit\?/);
      second.keys('n');
      await second.until(/^(?![\s\S]*Detach\?)/, 'the prompt to close');

      // #2 answers the judgment #1 is waiting for; #1's run goes on to its end, and both see it.
      second.keys('a');
      await second.until(/Judgment J-1 · asked by architect for T-1/, 'the judgment in TUI #2');
      second.keys('Enter');
      await first.until(/✓ run done: every task is done/, 'the run to finish in TUI #1', 60_000);
      await second.until(/✓ run done: every task is done/, 'TUI #2 to follow the run to its end', 30_000);

      second.keys('q');
      assert.match(
        await second.until(/exit=0/, 'TUI #2 to exit'),
        /crucible-tui: detached from crucible-tui \(process \d+\), which goes on · tasks 3\/3 done/,
      );
      first.keys('q');
      assert.match(await first.until(/exit=0/, 'TUI #1 to exit'), /crucible-tui: run done \(every task is done\) · tasks 3\/3 done/);
    } finally {
      second.kill();
      first.kill();
      await cleanup();
    }
  },
);

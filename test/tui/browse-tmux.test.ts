import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { prepareWaitingProject } from '../server/held-run.js';
import { tmuxTerminal } from '../helpers/tmux-terminal.js';
import { hasTmux, NO_TMUX, tuiCommand } from './tmux.js';

/**
 * `crucible-tui` without --goal on a project with open work browses: it starts
 * nothing (no run.started, the task stays ready) until the human presses r,
 * which resumes the open work.
 */

const { start, keys, until, kill } = tmuxTerminal('crucible-browse', 'browse');

test(
  'crucible-tui without --goal browses open work and starts the run only on r',
  { skip: hasTmux ? false : NO_TMUX, timeout: 150_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-browse-tmux-');
    try {
      await prepareWaitingProject(dir);
      await writeFile(join(dir, 'release'), '');
      await start(`${tuiCommand} --dir ${dir} --model scripted --script script.yaml`);
      const opened = await until(/Browsing the record: open work waits\. r runs it\./, 'the browse notice');
      assert.match(opened, /r run/, 'the footer offers r');
      // Nothing started: the record has no run and T-1 is still ready (read over the TUI's socket).
      const log = await cli(dir, 'log', '--json');
      assert.equal(log.code, 0, log.stderr);
      assert.doesNotMatch(log.stdout, /run\.started/);
      assert.match((await cli(dir, 'task', 'list')).stdout, /T-1\s+ready/);

      keys('r');
      await until(/✓ run done/, 'the run to finish after r', 60_000);
      assert.match((await cli(dir, 'task', 'list')).stdout, /T-1\s+done/);
      keys('q');
      assert.match(await until(/exit=0/, 'crucible-tui to exit'), /crucible-tui: run done .* tasks 1\/1 done/);
    } finally {
      kill();
      await cleanup();
    }
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { prepareWaitingProject } from '../server/held-run.js';
import { hasTmux, NO_TMUX, tmuxServer, tuiCommand, waitForScreen } from './tmux.js';

/**
 * `crucible-tui` without --goal on a project with open work browses: it starts
 * nothing (no run.started, the task stays ready) until the human presses r,
 * which resumes the open work.
 */

const server = tmuxServer('crucible-browse');
const tmux = server.run;
const screen = () => tmux('capture-pane', '-p', '-t', 'browse');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'browse', ...k);

async function until(pattern: RegExp, what: string, timeoutMs = 30_000): Promise<string> {
  try {
    await waitForScreen(() => pattern.test(screen()), what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- screen ---\n${screen()}`);
  }
  return screen();
}

test(
  'crucible-tui without --goal browses open work and starts the run only on r',
  { skip: hasTmux ? false : NO_TMUX, timeout: 150_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-browse-tmux-');
    try {
      await prepareWaitingProject(dir);
      await writeFile(join(dir, 'release'), '');
      tmux('new-session', '-d', '-s', 'browse', '-x', '120', '-y', '34', 'bash --norc --noprofile');
      keys('-l', `${tuiCommand} --dir ${dir} --model scripted --script script.yaml; echo "exit=$?"`);
      keys('Enter');
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
      server.kill();
      await cleanup();
    }
  },
);

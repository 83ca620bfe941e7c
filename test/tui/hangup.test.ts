import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/helpers/temp.js';
import { waitFor } from './ink-harness.js';
import { hasTmux, NO_TMUX, tmuxServer, tuiCommand, waitForScreen } from './tmux.js';

/**
 * The terminal closes under a running crucible-tui (tmux kill-session: the pane's
 * process gets SIGHUP and its terminal is gone): the session still stops the run
 * and removes .crucible/crucible.sock and .crucible/holder.json. Needs tmux.
 */

const server = tmuxServer('crucible-hup');
const tmux = server.run;

test(
  'crucible-tui whose terminal closes (SIGHUP): the socket and the holder file are removed',
  { skip: hasTmux ? false : NO_TMUX, timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-tui-hup-');
    const project = join(dir, 'strkit');
    const sock = join(project, '.crucible', 'crucible.sock');
    const holder = join(project, '.crucible', 'holder.json');
    try {
      tmux('new-session', '-d', '-s', 'hup', '-x', '100', '-y', '30', `${tuiCommand} --demo --dir ${project} --pace 10`);
      // The demo's run waits on its judgment, holding the workspace and serving the socket.
      await waitForScreen(
        () => /⚑ 1 judgment waiting/.test(tmux('capture-pane', '-p', '-t', 'hup')) && existsSync(sock),
        'the run to wait on its judgment',
        60_000,
      );
      assert.ok(existsSync(holder));
      tmux('kill-session', '-t', 'hup');
      await waitFor(() => !existsSync(sock) && !existsSync(holder), 'the socket and the holder file to be removed', 20_000);
    } finally {
      server.kill();
      await cleanup();
    }
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/child.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from './ink-harness.js';

/**
 * The terminal closes under a running crucible-tui (tmux kill-session: the pane's
 * process gets SIGHUP and its terminal is gone): the session still stops the run
 * and removes .crucible/crucible.sock and .crucible/holder.json. Needs tmux.
 */
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `crucible-hup-${process.pid}`;
const tsx = import.meta.resolve('tsx');

function cleanEnv(): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _c, NODE_TEST_CONTEXT: _t, TMUX: _tmux, ...env } = process.env;
  return { ...env, TERM: 'xterm-256color' };
}

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: cleanEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

test('crucible-tui whose terminal closes (SIGHUP): the socket and the holder file are removed', { skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux; .ci/run installs it)', timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir('crucible-tui-hup-');
  const project = join(dir, 'strkit');
  const sock = join(project, '.crucible', 'crucible.sock');
  const holder = join(project, '.crucible', 'holder.json');
  try {
    tmux('new-session', '-d', '-s', 'hup', '-x', '100', '-y', '30', `node --import ${tsx} ${join(repoRoot, 'src/cli/crucible-tui.ts')} --demo --dir ${project} --pace 10`);
    // The demo's run waits on its judgment, holding the workspace and serving the socket.
    await waitFor(() => /⚑ 1 judgment waiting/.test(tmux('capture-pane', '-p', '-t', 'hup')) && existsSync(sock), 'the run to wait on its judgment', 60_000);
    assert.ok(existsSync(holder));
    tmux('kill-session', '-t', 'hup');
    await waitFor(() => !existsSync(sock) && !existsSync(holder), 'the socket and the holder file to be removed', 20_000);
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/child.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from './ink-harness.js';

/**
 * End to end in a real terminal: tmux runs the real `crucible-tui --demo`;
 * we switch agents, answer the judgment in the modal, wait for the run to
 * finish, quit with q, and check the shell's screen is back. Needs tmux
 * (`apt-get install -y tmux`; .ci/run installs it); skipped, with that
 * reason printed, where it is missing.
 */
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `crucible-e2e-${process.pid}`;
const tsx = import.meta.resolve('tsx');

/** The child's environment: no CI markers (Ink would only draw on exit) and no test-runner context. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _c, NODE_TEST_CONTEXT: _t, TMUX: _tmux, ...env } = process.env;
  return { ...env, TERM: 'xterm-256color' };
}

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: cleanEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');

async function until(pattern: RegExp, what: string, timeoutMs = 30_000): Promise<string> {
  try {
    await waitFor(() => pattern.test(screen()), what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- screen ---\n${screen()}`);
  }
  return screen();
}

const keys = (...k: string[]) => tmux('send-keys', '-t', 'e2e', ...k);

test('crucible-tui --demo in tmux: switch agents, answer the judgment, watch the run finish, quit to a clean terminal', { skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux; .ci/run installs it)', timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir('crucible-tui-e2e-');
  try {
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    const command = `node --import ${tsx} ${join(repoRoot, 'src/cli/crucible-tui.ts')} --demo --dir ${join(dir, 'strkit')} --pace 10; echo "exit=$?"`;
    keys('-l', command);
    keys('Enter');

    await until(/⚑ 1 judgment waiting/, 'the judgment J-1 to be asked');
    assert.match(await until(/▸\d ⚑ architect T-1 ⚑J-1/, 'the sidebar to follow the architect'), /─ architect · T-1/);
    keys('1');
    assert.match(await until(/▸1 ○ planner/, 'agent 1 selected'), /─ planner/);
    assert.match(screen(), /The plan is recorded\./, 'the planner\'s own stream in its pane');
    keys('Tab');
    keys('Tab');
    keys('Right');
    await until(/J-1 {2}⚑ waiting/, 'the Judgments tab');

    tmux('resize-window', '-t', 'e2e', '-x', '120', '-y', '34');
    // The title rule under the header spans the terminal: it follows the new width.
    await waitFor(() => [...(screen().split('\n')[2] ?? '')].length === 120, 'the layout to follow the resize to 120 columns');

    keys('a');
    await until(/Judgment J-1 · asked by architect for T-1/, 'the judgment modal');
    assert.match(screen(), /at exactly max characters/);
    keys('Enter');
    const finished = await until(/✓ run done: every task is done/, 'the run to finish', 60_000);
    assert.match(finished, /tasks 3\/3 done/);
    keys('Left');
    const board = await until(/✓ done 3/, 'the task board');
    for (const id of ['T-1', 'T-2', 'T-3']) assert.match(board, new RegExp(`${id} +✓ done`));

    keys('q');
    const after = await until(/exit=0/, 'crucible-tui to exit');
    assert.match(after, /crucible-tui: run done \(every task is done\) · tasks 3\/3 done/);
    assert.doesNotMatch(after, /─ Agents|Judgments|▸ Build strkit/, 'the TUI is gone from the screen');
    assert.match(after, /^\S*[#$] node --import /m, 'the shell screen from before (prompt and command) is back');
    assert.equal(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0', 'the alternate screen was left');
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    await cleanup();
  }
});

test('SIGTERM while agents work: the run stops, the terminal is restored, exit 143', { skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux; .ci/run installs it)', timeout: 60_000 }, async () => {
  const { dir, cleanup } = await tempDir('crucible-tui-e2e-');
  try {
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    const pidFile = join(dir, 'pid');
    keys('-l', `sh -c 'echo $$ > ${pidFile}; exec node --import ${tsx} ${join(repoRoot, 'src/cli/crucible-tui.ts')} --demo --dir ${join(dir, 'strkit')}'; echo "exit=$?"`);
    keys('Enter');
    await until(/● (planning|running)/, 'the run to start');
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    const after = await until(/exit=143/, 'crucible-tui to exit on SIGTERM');
    assert.match(after, /crucible-tui: run cancelled/);
    assert.doesNotMatch(after, /─ Agents/);
    assert.equal(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0');
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

import { tmuxTerminal } from '../helpers/tmux-terminal.js';
import { hasTmux, NO_TMUX, tuiCommand, waitForScreen } from './tmux.js';

/**
 * End to end in a real terminal: tmux runs the real `crucible-tui --demo`;
 * we switch agents, answer the judgment in the modal, wait for the run to
 * finish, quit with q, and check the shell's screen is back. Needs tmux
 * (`apt-get install -y tmux`; .ci/run installs it); skipped, with that
 * reason printed, where it is missing.
 */

const { tmux, screen, keys, until, start, kill } = tmuxTerminal('crucible-e2e', 'e2e');

test(
  'crucible-tui --demo in tmux: switch agents, answer the judgment, watch the run finish, quit to a clean terminal',
  { skip: hasTmux ? false : NO_TMUX, timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-tui-e2e-');
    try {
      await start(`${tuiCommand} --demo --dir ${join(dir, 'strkit')} --pace 10`, { cols: 100, rows: 30 });

      await until(/⚑ 1 judgment waiting/, 'the judgment J-1 to be asked');
      assert.match(await until(/▸\d ⚑ architect T-1 ⚑J-1/, 'the sidebar to follow the architect'), /─ architect · T-1/);
      keys('1');
      assert.match(await until(/▸1 ○ planner/, 'agent 1 selected'), /─ planner/);
      assert.match(screen(), /The plan is recorded\./, "the planner's own stream in its pane");
      // One key at a time: keys sent together can reach the TUI as one chunk of input.
      keys('Tab');
      await until(/│ ↑↓ PgUp\/PgDn scroll · End follow/, 'the focus on the pane');
      keys('Tab');
      await until(/│ ←→ tab · ↑↓ select/, 'the focus on the tabs');
      keys('Right');
      await until(/J-1 {2}⚑ waiting/, 'the Judgments tab');

      tmux('resize-window', '-t', 'e2e', '-x', '120', '-y', '34');
      // The title rule under the header spans the terminal: it follows the new width.
      await waitForScreen(() => [...(screen().split('\n')[2] ?? '')].length === 120, 'the layout to follow the resize to 120 columns');

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
      assert.match(after, /^\S*[#$] node \S+/m, 'the shell screen from before (prompt and command) is back');
      assert.equal(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0', 'the alternate screen was left');
    } finally {
      kill();
      await cleanup();
    }
  },
);

test(
  'SIGTERM while agents work: the run stops, the terminal is restored, exit 143',
  { skip: hasTmux ? false : NO_TMUX, timeout: 60_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-tui-e2e-');
    try {
      const pidFile = join(dir, 'pid');
      await start(`sh -c 'echo $$ > ${pidFile}; exec ${tuiCommand} --demo --dir ${join(dir, 'strkit')}'`, { cols: 100, rows: 30 });
      await until(/● (planning|running)/, 'the run to start');
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
      const after = await until(/exit=143/, 'crucible-tui to exit on SIGTERM');
      assert.match(after, /crucible-tui: run cancelled/);
      assert.doesNotMatch(after, /─ Agents/);
      assert.equal(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim(), '0');
    } finally {
      kill();
      await cleanup();
    }
  },
);

// YAML double-quoted escapes: \e is ESC, \a is BEL. A window title, a clipboard write, a clear screen and a bidi override.
const EVIL_YAML = String.raw`Ship it?\e]0;pwned\a\e]52;c;cm0gLXJmIH4=\a\e[2J\u202Eevil`;
const EVIL_SCRIPT = `version: 1
model: claude-sonnet-5-5
tasks:
  T-1:
    implementer:
      - text: "Asking first.\\e]0;pwned-by-stream\\a"
        tools:
          - name: ask_human
            input:
              question: "${EVIL_YAML}"
              options:
                - { label: "yes\\e[2J", tradeoffs: "" }
                - { label: "no", tradeoffs: "" }
      - text: Done.
`;

test(
  "escape sequences in a task title, an agent's stream and a judgment are shown escaped in the TUI (tmux capture): no window title, no clipboard write",
  { skip: hasTmux ? false : NO_TMUX, timeout: 90_000 },
  async () => {
    const { dir, cleanup } = await tempDir('crucible-tui-e2e-');
    try {
      assert.equal((await cli(dir, 'init')).code, 0);
      assert.equal(
        (await cli(dir, 'task', 'add', 'Title\x1b]0;pwned-by-title\x07\x1b[2J\u202Eevil', '--role', 'implementer', '--accept', 'asks'))
          .code,
        0,
      );
      writeFileSync(join(dir, 'script.yaml'), EVIL_SCRIPT);
      tmux('new-session', '-d', '-s', 'e2e', '-x', '120', '-y', '34', 'bash --norc --noprofile');
      // With set-clipboard on, tmux would turn an OSC 52 that reached it into a paste buffer.
      tmux('set-option', '-g', 'set-clipboard', 'on');
      tmux('set-option', '-g', 'allow-rename', 'on');
      const titleBefore = tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}').trim();
      keys('-l', `${tuiCommand} --dir ${dir} --model scripted --script script.yaml; echo "exit=$?"`);
      keys('Enter');
      // Without --goal the TUI browses; the human starts the run (the task is already in the record).
      await until(/browsing \(no run\)/, 'the TUI to open browsing');
      keys('r');

      await until(/⚑ 1 judgment waiting/, 'the judgment to be asked');
      keys('a');
      const modal = await until(/Judgment J-1/, 'the judgment modal');
      assert.ok(
        modal.includes('Ship it?\\u001b]0;pwned\\u0007\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u001b[2J\\u202eevil'),
        `the question is shown escaped:\n${modal}`,
      );
      assert.ok(modal.includes('yes\\u001b[2J'), 'the option too');
      keys('Escape');
      await waitForScreen(() => !/Judgment J-1 ·/.test(screen()), 'the modal to close');
      const board = screen();
      assert.ok(board.includes('Asking first.\\u001b]0;pwned-by-stream\\u0007'), `the agent's streamed text is shown escaped:\n${board}`);
      assert.ok(board.includes('Title\\u001b]0;pwned-by-title'), `the task title is shown escaped:\n${board}`);
      assert.match(board, /─ Agents/, 'the clear screen did not wipe the TUI');
      const title = tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}').trim();
      assert.doesNotMatch(title, /pwned/, 'no text set the window title');
      assert.equal(title, titleBefore);
      assert.equal(tmux('list-buffers').trim(), '', 'no text wrote to the clipboard');
      keys('q');
      await until(/Quit\?/, 'the quit question');
      keys('y');
      await until(/exit=\d+/, 'crucible-tui to exit');
    } finally {
      kill();
      await cleanup();
    }
  },
);

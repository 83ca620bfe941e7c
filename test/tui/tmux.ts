import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tsArgv } from '../../support/helpers/child.js';
import { waitFor } from './ink-harness.js';

// Real-terminal tests drive the real crucible-tui inside tmux, each on its own tmux server.

export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
export const NO_TMUX = 'tmux is not installed (apt-get install -y tmux; .ci/run installs it)';

/** The command line that starts crucible-tui from source (under tsx, or its compiled copy: tsArgv). */
export const tuiCommand = `node ${tsArgv(join(repoRoot, 'src/cli/crucible-tui.ts')).join(' ')}`;

/** The child's environment: no CI markers (Ink would only draw on exit) and no test-runner context. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _c, NODE_TEST_CONTEXT: _t, TMUX: _tmux, ...env } = process.env;
  return { ...env, TERM: 'xterm-256color' };
}

/** A private tmux server: `run(...args)` is `tmux -L <name> ...`, throwing with tmux's stderr when it fails. */
export function tmuxServer(name: string) {
  const socket = `${name}-${process.pid}`;
  return {
    run(...args: string[]): string {
      const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: cleanEnv(), encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    },
    kill(): void {
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    },
  };
}

/** waitFor over a tmux screen: each look starts a tmux client (a few ms of CPU), so it looks every 50 ms, not every 10. */
export function waitForScreen(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  return waitFor(check, what, timeoutMs, 50);
}

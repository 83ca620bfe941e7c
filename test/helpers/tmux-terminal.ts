// One real terminal for a test: a private tmux server with one session, its screen, keys sent to it, and a wait
// for the screen to show something (failing with the screen as it was). What the tmux TUI tests share.
import { tmuxServer, waitForScreen } from '../tui/tmux.js';

export interface TmuxTerminal {
  /** `tmux -L <this server> ...args` (throws with tmux's stderr). */
  tmux(...args: string[]): string;
  /** The visible screen, as text. */
  screen(): string;
  keys(...keys: string[]): void;
  /** Waits until the screen matches; the error shows the screen. */
  until(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
  /** A shell of `cols`×`rows` that runs `command` then prints `exit=<status>`. */
  start(command: string, size?: { cols: number; rows: number }): Promise<void>;
  kill(): void;
}

export function tmuxTerminal(name: string, session = name): TmuxTerminal {
  const server = tmuxServer(name);
  const tmux = server.run;
  const screen = () => tmux('capture-pane', '-p', '-t', session);
  const keys = (...k: string[]) => void tmux('send-keys', '-t', session, ...k);
  const until = async (pattern: RegExp, what: string, timeoutMs = 30_000) => {
    try {
      await waitForScreen(() => pattern.test(screen()), what, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- screen ---\n${screen()}`);
    }
    return screen();
  };
  return {
    tmux,
    screen,
    keys,
    until,
    async start(command, size = { cols: 120, rows: 34 }) {
      tmux('new-session', '-d', '-s', session, '-x', String(size.cols), '-y', String(size.rows), 'bash --norc --noprofile');
      // Typed before the shell draws its prompt, the command would be echoed ahead of it (tests look for both).
      await until(/^\S*[#$]$/m, 'the shell prompt');
      keys('-l', `${command}; echo "exit=$?"`);
      keys('Enter');
    },
    kill: () => server.kill(),
  };
}

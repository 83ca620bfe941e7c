import { setTimeout as sleep } from 'node:timers/promises';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/components/app.js';
import type { TuiStore } from '../../src/tui/store.js';

/** Renders the real App into ink-testing-library's 100-column stdout and drives it with keys. */
export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  tab: '\t',
  shiftTab: '\x1b[Z',
  enter: '\r',
  escape: '\x1b',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
} as const;

/** Polls until `check` holds (bounded; no fixed sleeps). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 8000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function renderApp(store: TuiStore, rows = 30) {
  const view = render(<App store={store} size={{ cols: 100, rows }} />);
  const frame = () => view.lastFrame() ?? '';
  return {
    ...view,
    frame,
    /** Writes one key, lets Ink's input handling run (a tick), and returns the frame. */
    async press(key: string): Promise<string> {
      view.stdin.write(key);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      return frame();
    },
    async until(pattern: RegExp, what = String(pattern)): Promise<string> {
      await waitFor(() => pattern.test(frame()), `${what} in the frame:\n${frame()}`);
      return frame();
    },
  };
}

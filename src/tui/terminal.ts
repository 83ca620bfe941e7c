// The terminal while the TUI owns it: the alternate screen, taken on start
// and given back exactly once — on quit, on SIGINT/SIGTERM/SIGHUP, on an
// uncaught error, and (last resort) on process exit. Console and stderr
// output is held back meanwhile (it would tear the frame) and printed after.
import { format } from 'node:util';

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J';
export const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l';

export type ExitSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const SIGNALS: ExitSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface ScreenGuard {
  /** Leaves the alternate screen, puts console/stderr back and prints what they held. Idempotent. */
  restore(): void;
  readonly restored: boolean;
}

export interface GuardOptions {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** A signal arrived: shut down gracefully (the guard restores the screen if that takes too long). */
  onSignal: (signal: ExitSignal) => void;
  /** An error escaped everything: the guard has restored the screen; report and exit. */
  onFatal: (error: unknown) => void;
}

export function takeScreen(options: GuardOptions): ScreenGuard {
  const { stdout, stderr } = options;
  const held: string[] = [];
  const originalWrite = stderr.write.bind(stderr);
  const originalConsole = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const hold = (...args: unknown[]) => void held.push(`${format(...args)}\n`);
  let restored = false;

  // Typed as the overloaded WriteStream.write; we only ever hold the text.
  stderr.write = ((chunk: string | Uint8Array) => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof stderr.write;
  Object.assign(console, { log: hold, info: hold, warn: hold, error: hold, debug: hold });
  stdout.write(ENTER_ALT_SCREEN);

  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
    stderr.write = originalWrite as typeof stderr.write;
    Object.assign(console, originalConsole);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
    process.off('exit', restore);
    if (held.length > 0) originalWrite(held.join(''));
  };
  const onSignal = (signal: ExitSignal) => {
    options.onSignal(signal);
    // If the graceful path hangs, still give the terminal back.
    setTimeout(restore, 4000).unref();
  };
  const onFatal = (error: unknown) => {
    restore();
    options.onFatal(error);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.on('exit', restore);
  return {
    restore,
    get restored() {
      return restored;
    },
  };
}

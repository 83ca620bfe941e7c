// The signals that end a long-running command (run, demo, mcp): each becomes an
// abort whose reason is the signal's name, so the command shuts down the same
// way for all of them (jobs cancelled, command process groups killed, socket and
// holder file removed) and reports which signal it was.
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The shell's convention: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export function isStopSignal(value: unknown): value is StopSignal {
  return typeof value === 'string' && (STOP_SIGNALS as readonly string[]).includes(value);
}

/**
 * Runs `fn` with a signal that aborts on SIGINT, SIGTERM or SIGHUP. Each is
 * handled once: a second one of the same kind ends the process the default way.
 */
export async function untilStopSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => {
      // After SIGHUP the terminal is gone: a write to it fails, and that must not cut the cleanup short.
      if (name === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
      controller.abort(name);
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  try {
    return await fn(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}

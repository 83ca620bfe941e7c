// `crucible-tui` from start to exit: take the screen and draw the first frame
// at once, then load the engine and open the project behind it, run the
// agents, and on quit (or a signal) stop the run, give the terminal back and
// print one summary line on the normal screen.
import { render } from 'ink';
import type { RunSummary } from '../runtime/runtime.js';
import { App } from './components/app.js';
import { RENDER_OPTIONS } from './components/render-options.js';
import type { TuiOptions } from './launch.js';
import { initialState } from './state/initial.js';
import { compact, usd } from './state/text.js';
import type { Session } from './session/start.js';
import { TuiStore } from './store.js';
import { takeScreen, type ExitSignal } from './terminal.js';
import { messageOf } from '../shared/errors.js';

export interface TuiIo {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

const SIGNAL_CODES: Record<ExitSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

function closingLine(store: TuiStore, summary: RunSummary | undefined, root: string, demo: boolean, attachedTo?: string): string {
  const { record, usage, run } = store.getState();
  const done = record.tasks.filter((t) => t.status === 'done').length;
  const resume = run.kind === 'ended' && run.state === 'cancelled' ? '; `crucible run --resume` continues it' : '';
  const state = attachedTo
    ? `detached from ${attachedTo}, which goes on`
    : run.kind === 'ended'
      ? `run ${run.state} (${run.reason}${resume})`
      : run.kind === 'browse'
        ? 'browsed'
        : 'quit while running (`crucible run --resume` continues it)';
  const spent = summary
    ? `${summary.usage.turns} turns · ${compact(summary.usage.totalTokens)} tokens · ${usd(summary.usage.costUsd)}`
    : `${compact(usage.tokens)} tokens · ${usd(usage.costUsd)}`;
  const where = demo ? `the demo project is in ${root} (its tests: cd ${root} && node --test)` : `project: ${root}`;
  return `crucible-tui: ${state} · tasks ${done}/${record.tasks.length} done · ${spent}\n${where}\n`;
}

export async function runTui(options: TuiOptions, io: TuiIo = process): Promise<number> {
  const name = options.demo ? 'demo' : '…';
  const store = new TuiStore(
    initialState({ cols: io.stdout.columns || 100, rows: io.stdout.rows || 30, project: { name, root: '', goal: '' } }),
  );
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  let exitCode = 0;
  let stoppedBy: ExitSignal | undefined;
  // Until the project is open the only effect that can run is quitting.
  store.onEffect((effect) =>
    effect.type === 'quit' ? quit() : store.dispatch({ type: 'notice', text: 'Still opening the project…', tone: 'warn' }),
  );
  const guard = takeScreen({
    stdout: io.stdout,
    stderr: io.stderr,
    onSignal: (signal) => {
      exitCode = SIGNAL_CODES[signal];
      stoppedBy = signal;
      // After SIGHUP the terminal is gone: a failed write must not cut short stopping the run and closing the record.
      if (signal === 'SIGHUP') for (const stream of [io.stdout, io.stderr]) stream.on('error', () => undefined);
      quit();
    },
    onFatal: (error) => {
      io.stderr.write(
        `crucible-tui: unexpected error: ${messageOf(error)}\n${process.env.CRUCIBLE_DEBUG && error instanceof Error ? `${error.stack}\n` : ''}`,
      );
      process.exit(1);
    },
  });
  const ink = render(<App store={store} />, { stdout: io.stdout, stdin: io.stdin, stderr: io.stderr, ...RENDER_OPTIONS });
  let session: Session | undefined;
  try {
    // The engine (runtime, tools, record) loads after the first frame is on screen.
    const { startSession } = await import('./session/start.js');
    session = await startSession(options, store, quit);
    await quitting;
  } finally {
    await session?.close(stoppedBy);
    ink.unmount();
    guard.restore();
  }
  io.stdout.write(closingLine(store, session.summary(), session.root, session.demo, session.attachedTo));
  return exitCode;
}

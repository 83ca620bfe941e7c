#!/usr/bin/env node
// `crucible-tui`: the full-screen session (src/tui/). Parses flags, refuses a
// non-terminal, and hands over to runTui; errors are one line, like `crucible`.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { TuiOptions } from '../tui/launch.js';
import { packageVersion } from '../shared/package.js';

type Flags = Omit<TuiOptions, 'paceMs'> & { pace?: number };

const number = (what: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${what} must be a number ≥ ${min}`);
  return n;
};

const program = new Command('crucible-tui')
  .description('the full-screen Crucible session: watch the agents, move between them, answer their judgment calls')
  .option('--dir <project>', 'the project (default: the nearest directory upward with .crucible/); with --demo, a new or empty directory')
  .option('--goal <text>', 'what to build; without it, open work in the record is resumed, or the record is browsed')
  .option('--demo', 'the offline demo in a temporary directory: scripted agents build a tiny tested library; you answer the judgment')
  .option('--model <provider>', 'anthropic, openai or scripted (default: model.provider in config)', (v) => {
    if (v !== 'anthropic' && v !== 'openai' && v !== 'scripted') throw new InvalidArgumentError('use anthropic, openai or scripted');
    return v;
  })
  .option('--script <file>', 'the script for --model scripted')
  .option('--backend <name>', 'run every agent on builtin or claude-code (default: agents.backend in config)', (v) => {
    if (v !== 'builtin' && v !== 'claude-code') throw new InvalidArgumentError('use builtin or claude-code');
    return v;
  })
  .option('--max-usd <n>', 'stop new turns when the run has spent this much', number('--max-usd', 0.0001))
  .option('--concurrency <n>', 'agents working at once', number('--concurrency', 1))
  .option('--pace <ms>', 'demo: milliseconds per streamed chunk, so it can be watched (0 = full speed)', number('--pace', 0))
  .version(packageVersion(), '-V, --version', 'print the version of Crucible')
  .exitOverride();

async function main(): Promise<number> {
  try {
    program.parse(process.argv);
  } catch (error) {
    return error instanceof CommanderError && error.exitCode === 0 ? 0 : 2;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(
      'crucible-tui: needs an interactive terminal (stdin and stdout must be a TTY); ' +
        'for scripts and CI use `crucible run --goal "<text>"` (or `crucible demo`)\n',
    );
    return 2;
  }
  // Ink renders only the final frame when it believes it runs in CI; this is a real terminal.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // React's production build: the development one checks and measures every render.
  process.env.NODE_ENV ??= 'production';
  const flags = program.opts<Flags>();
  const { runTui } = await import('../tui/main.js');
  return runTui({
    ...(flags.dir ? { dir: flags.dir } : {}),
    ...(flags.goal ? { goal: flags.goal } : {}),
    demo: flags.demo === true,
    ...(flags.model ? { model: flags.model } : {}),
    ...(flags.script ? { script: flags.script } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
    ...(flags.maxUsd !== undefined ? { maxUsd: flags.maxUsd } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.pace !== undefined ? { paceMs: flags.pace } : {}),
  });
}

// Exit explicitly: an opened index or a model client may keep handles alive after the session ends.
main().then(
  (code) => process.exit(code),
  // The error path loads the shared reporter on demand, keeping the first frame's imports small.
  async (error: unknown) => {
    const [{ reportError }, { displayIo }] = await Promise.all([import('./report-error.js'), import('./display-io.js')]);
    const io = displayIo({ out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) });
    process.exit(reportError(error, io, process.env, 'crucible-tui'));
  },
);

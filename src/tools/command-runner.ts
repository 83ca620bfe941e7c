import { spawn } from 'node:child_process';
import { tail } from './bounded.js';

/**
 * Runs one command line without a shell: the first word must be on the
 * allowlist, the process gets a timeout, and secrets are kept out of its
 * environment and its output.
 */
export interface CommandPolicy {
  allow: readonly string[];
  timeoutMs: number;
  maxOutputBytes: number;
}

export type CommandCheck = { ok: true; argv: string[] } | { ok: false; reason: string; fix: string };

/** Splits a command line like a POSIX shell would for plain words and quotes; no expansion. */
export function splitCommandLine(line: string): string[] | undefined {
  const argv: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) argv.push(current);
      current = '';
      started = false;
    } else if ('|&;<>`$'.includes(ch)) {
      return undefined;
    } else {
      current += ch === '\\' && i + 1 < line.length ? line[++i] : ch;
      started = true;
    }
  }
  if (quote) return undefined;
  if (started) argv.push(current);
  return argv;
}

export function checkCommand(line: string, policy: Pick<CommandPolicy, 'allow'>): CommandCheck {
  const argv = splitCommandLine(line);
  if (!argv) return { ok: false, reason: `\`${line}\` uses shell syntax (pipes, redirects, $, ;, & or an unclosed quote)`, fix: 'run one plain command; no shell features' };
  const program = argv[0];
  if (!program) return { ok: false, reason: 'the command is empty', fix: 'give a command such as `npm test`' };
  if (!policy.allow.includes(program)) {
    return { ok: false, reason: `\`${program}\` is not on the command allowlist (${policy.allow.join(', ')})`, fix: 'use an allowed command, or ask the human to add it to commands.allow in .crucible/config.json' };
  }
  return { ok: true, argv };
}

const SECRET_ENV = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;

/** Crucible's own test-runner context must not leak into the project's commands (it changes how `node --test` reports). */
const INTERNAL_ENV = new Set(['NODE_TEST_CONTEXT']);

export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_ENV.test(name) && !INTERNAL_ENV.has(name)));
}

export interface CommandOutcome {
  command: string;
  exitCode: number;
  outputTail: string;
  timedOut: boolean;
  durationMs: number;
}

export function runArgv(argv: string[], options: { cwd: string; timeoutMs: number; maxOutputBytes: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<CommandOutcome> {
  const started = Date.now();
  const command = argv.join(' ');
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: childEnv(options.env ?? process.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killTree = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, options.timeoutMs);
    const onAbort = () => killTree();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > options.maxOutputBytes * 2) output = output.slice(-options.maxOutputBytes);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ command, exitCode: 127, outputTail: `could not start ${argv[0]}: ${error.message}`, timedOut: false, durationMs: Date.now() - started });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const note = timedOut ? `\n[killed after the ${options.timeoutMs} ms timeout]` : signal ? `\n[killed by ${signal}]` : '';
      resolve({ command, exitCode: code ?? 124, outputTail: tail(output, options.maxOutputBytes) + note, timedOut, durationMs: Date.now() - started });
    });
  });
}

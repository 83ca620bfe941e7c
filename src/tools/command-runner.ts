// Runs one command line without a shell: the first word must be on the
// allowlist, its executing option forms are refused, the process runs inside
// the OS sandbox (or is refused when none works and the config did not say
// "off"), gets a timeout, and secrets are kept out of its environment.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { lastChars, tail } from './bounded.js';
import { refuseExecutingForms, type CommandRefusal } from './command-hardening.js';
import { NETWORK_BRIDGE, PROXY_PORT_INSIDE, PROXY_SOCKET_INSIDE, startNetworkProxy, type NetworkProxy } from './net-proxy.js';
import { bwrapPlan, chooseSandbox, looksSecret, sandboxEnv, type SandboxPlan, type SandboxPolicy } from './os-sandbox.js';

export interface CommandPolicy {
  allow: readonly string[];
  timeoutMs: number;
  maxOutputBytes: number;
}

export type CommandCheck = { ok: true; argv: string[] } | { ok: false; reason: string; fix: string };
export type { SandboxPolicy } from './os-sandbox.js';

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

/** `where` (the task's tree and the command's folder) adds the second line: option forms that execute are refused. runArgv checks them again. */
export function checkCommand(line: string, policy: Pick<CommandPolicy, 'allow'>, where?: { tree: string; cwd: string }): CommandCheck {
  const argv = splitCommandLine(line);
  if (!argv)
    return {
      ok: false,
      reason: `\`${line}\` uses shell syntax (pipes, redirects, $, ;, & or an unclosed quote)`,
      fix: 'run one plain command; no shell features',
    };
  const program = argv[0];
  if (!program) return { ok: false, reason: 'the command is empty', fix: 'give a command such as `npm test`' };
  if (!policy.allow.includes(program)) {
    return {
      ok: false,
      reason: `\`${program}\` is not on the command allowlist (${policy.allow.join(', ')})`,
      fix: 'use an allowed command, or ask the human to add it to commands.allow in .crucible/config.json',
    };
  }
  const refusal = where ? refuseExecutingForms(argv, where) : undefined;
  if (refusal) return { ok: false, reason: refusal.reason, fix: refusal.fix };
  return { ok: true, argv };
}

/** Crucible's own test-runner context must not leak into the project's commands (it changes how `node --test` reports). */
const INTERNAL_ENV = new Set(['NODE_TEST_CONTEXT']);

export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !looksSecret(name) && !INTERNAL_ENV.has(name)));
}

export interface CommandOutcome {
  command: string;
  exitCode: number;
  outputTail: string;
  timedOut: boolean;
  durationMs: number;
  /** Set when the command was not started: a forbidden option form, or no working sandbox. */
  refusal?: CommandRefusal | { code: 'sandbox-unavailable'; reason: string; fix: string };
}

export interface RunOptions {
  cwd: string;
  /** Paths inside the tree (relative) that stay read-only for this command, beside commands.readOnly. */
  readOnly?: readonly string[];
  /** Absolute paths outside the tree the command may read (a worktree's linked node_modules); bound read-only where they are. */
  shared?: readonly string[];
  /** The task's working tree: the only writable place. Defaults to cwd. */
  tree?: string;
  /** The `commands` config: which sandbox, and the network allow-list. Required, so no caller can forget it. */
  sandbox: SandboxPolicy;
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function runArgv(argv: string[], options: RunOptions): Promise<CommandOutcome> {
  const started = Date.now();
  const command = argv.join(' ');
  const tree = options.tree ?? options.cwd;
  const refused = (refusal: NonNullable<CommandOutcome['refusal']>): CommandOutcome => ({
    command,
    exitCode: 126,
    outputTail: `refused [${refusal.code}]: ${refusal.reason}\nfix: ${refusal.fix}`,
    timedOut: false,
    durationMs: Date.now() - started,
    refusal,
  });
  const forbidden = refuseExecutingForms(argv, { tree, cwd: options.cwd });
  if (forbidden) return refused(forbidden);
  const sandbox = await chooseSandbox(options.sandbox);
  if (!sandbox.ok) return refused(sandbox);
  const env = options.env ?? process.env;
  if (sandbox.kind === 'off') return spawnBounded(argv, { ...options, env: childEnv(env), command, started });
  return runInBwrap(argv, sandbox.bwrap, { ...options, tree, env, command, started });
}

/** With a network allow-list, the command runs behind the bridge to a CONNECT proxy that lives as long as the command. */
async function runInBwrap(
  argv: string[],
  bwrap: string,
  options: RunOptions & { tree: string; env: NodeJS.ProcessEnv; command: string; started: number },
): Promise<CommandOutcome> {
  let proxy: NetworkProxy | undefined;
  try {
    let inner = argv;
    let extraArgs: string[] = [];
    if (options.sandbox.network.length > 0) {
      proxy = await startNetworkProxy(options.sandbox.network);
      extraArgs = ['--bind', proxy.socketPath, PROXY_SOCKET_INSIDE];
      inner = [process.execPath, '-e', NETWORK_BRIDGE, String(PROXY_PORT_INSIDE), PROXY_SOCKET_INSIDE, ...argv];
    }
    let plan: SandboxPlan;
    try {
      plan = bwrapPlan({
        tree: options.tree,
        cwd: options.cwd,
        env: options.env,
        readOnly: [...options.sandbox.readOnly, ...(options.readOnly ?? [])],
        ...(options.shared ? { shared: options.shared } : {}),
        extraArgs,
      });
    } catch (error) {
      return {
        command: options.command,
        exitCode: 127,
        outputTail: `could not start ${argv[0]}: ${(error as Error).message}`,
        timedOut: false,
        durationMs: Date.now() - options.started,
      };
    }
    const hadGitStore = present(join(options.tree, '.git'));
    const outcome = await spawnBounded([bwrap, ...plan.args, ...inner], { ...options, env: sandboxEnv(options.env, plan.home) });
    return hadGitStore ? outcome : quarantinePlantedGitStore(options.tree, outcome);
  } finally {
    await proxy?.close();
  }
}

/** Exists, or is a symlink (a dangling `.git -> gitdir` becomes a repository once its target is written). */
const present = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * A `.git` the command created where there was none is moved aside: its config
 * (core.fsmonitor, hooks, filters) would run programs outside the sandbox the
 * next time the human or Crucible runs git in the project. An existing `.git`
 * is read-only to commands, so only one that appeared is at stake.
 */
function quarantinePlantedGitStore(tree: string, outcome: CommandOutcome): CommandOutcome {
  const planted = join(tree, '.git');
  if (!present(planted)) return outcome;
  const workspace = join(tree, '.crucible');
  const aside = existsSync(workspace) ? join(workspace, 'quarantine', `git-${Date.now()}`) : join(tree, `.git-quarantined-${Date.now()}`);
  try {
    mkdirSync(dirname(aside), { recursive: true });
    renameSync(planted, aside);
  } catch {
    rmSync(planted, { recursive: true, force: true });
  }
  const note =
    `refused [command-not-allowed]: the command created .git/, git's own store, which commands may not create ` +
    `(its config could run programs outside the sandbox); it was moved to ${relative(tree, aside)}`;
  return {
    ...outcome,
    exitCode: outcome.exitCode === 0 ? 126 : outcome.exitCode,
    outputTail: `${outcome.outputTail}\n${note}\nfix: leave git to the human: they run git init if the project should be a repository`,
  };
}

function spawnBounded(
  argv: string[],
  options: RunOptions & { env: NodeJS.ProcessEnv; command: string; started: number },
): Promise<CommandOutcome> {
  const { command, started } = options;
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (output.length > options.maxOutputBytes * 2) output = lastChars(output, options.maxOutputBytes + 1);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        command,
        exitCode: 127,
        outputTail: `could not start ${argv[0]}: ${error.message}`,
        timedOut: false,
        durationMs: Date.now() - started,
      });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const note = timedOut ? `\n[killed after the ${options.timeoutMs} ms timeout]` : signal ? `\n[killed by ${signal}]` : '';
      resolve({
        command,
        exitCode: code ?? 124,
        outputTail: tail(output, options.maxOutputBytes) + note,
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

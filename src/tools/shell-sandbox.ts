// A shell command line wrapped so it runs in the same OS sandbox as run_command: the bubblewrap
// mount plan over the task's tree, the scrubbed environment, and the network proxy bridge when the
// config lists hosts. An external agent's own shell tool (Claude Code's Bash) runs the wrapped line.
import type { Config } from '../workspace/config.js';
import { bwrapPlan, chooseSandbox, sandboxEnv } from './os-sandbox.js';
import { NETWORK_BRIDGE, PROXY_PORT_INSIDE, PROXY_SOCKET_INSIDE } from './net-proxy.js';
import { childEnv } from './command-runner.js';
import type { Refusal } from '../record/refusal.js';
import { refusal } from '../record/refusal.js';

/** One word for a POSIX shell: single-quoted, with embedded quotes closed and reopened. */
export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

const assignments = (env: NodeJS.ProcessEnv): string[] =>
  Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`);

export interface ShellSandboxOptions {
  root: string;
  config: Pick<Config, 'commands'>;
  /** The host side of a running network proxy (startNetworkProxy), when the config lists hosts. */
  proxySocket?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `env -i … bwrap <plan> -- /bin/sh -c <command>` as one shell line, or the refusal when no sandbox can
 * run here. With `"sandbox": "off"` (said explicitly in the config) the command is returned as it is.
 */
export async function sandboxedShellLine(command: string, options: ShellSandboxOptions): Promise<{ ok: true; line: string } | Refusal> {
  const policy = options.config.commands;
  const choice = await chooseSandbox(policy);
  if (!choice.ok) return refusal(choice.code, choice.reason, choice.fix);
  const env = options.env ?? process.env;
  // Unsandboxed (said explicitly in the config), the command still sees no secret, as run_command's does.
  if (choice.kind === 'off')
    return { ok: true, line: ['env -i', ...[...assignments(childEnv(env)), '/bin/sh', '-c', command].map(shellQuote)].join(' ') };
  const networked = policy.network.length > 0 && options.proxySocket !== undefined;
  const plan = bwrapPlan({
    tree: options.root,
    cwd: options.root,
    env,
    readOnly: policy.readOnly,
    ...(networked ? { extraArgs: ['--bind', options.proxySocket!, PROXY_SOCKET_INSIDE] } : {}),
  });
  const shell = ['/bin/sh', '-c', command];
  const inner = networked ? [process.execPath, '-e', NETWORK_BRIDGE, String(PROXY_PORT_INSIDE), PROXY_SOCKET_INSIDE, ...shell] : shell;
  const vars = assignments(sandboxEnv(env, plan.home));
  return { ok: true, line: ['env -i', ...[...vars, choice.bwrap, ...plan.args, ...inner].map(shellQuote)].join(' ') };
}

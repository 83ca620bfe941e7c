import { runCli } from '../../src/cli/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process against a project directory. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { out: (s: string) => void (stdout += s), err: (s: string) => void (stderr += s) };
  const code = await runCli(argv, { io, cwd, env: { ...process.env, CRUCIBLE_ACTOR: 'tester' } });
  return { code, stdout, stderr };
}

export async function cliJson<T = unknown>(cwd: string, ...argv: string[]): Promise<T> {
  const result = await cli(cwd, ...argv, '--json');
  if (result.code !== 0) throw new Error(`crucible ${argv.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface LoggedEvent {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

/** The workspace's event log, through `crucible log --json` (one object per line). */
export async function loggedEvents(cwd: string): Promise<LoggedEvent[]> {
  return (await cli(cwd, 'log', '--limit', '100000', '--json')).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LoggedEvent);
}

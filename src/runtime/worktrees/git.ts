// git for the worktree plumbing: every call through execFile (no shell), with a timeout, bounded
// output, no prompt, and an identity given on the command line so commits work without a global one.
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  /** The author and committer of any commit this call makes, e.g. the agent's name. */
  author?: string;
  timeoutMs?: number;
}

const MAX_OUTPUT = 4 * 1024 * 1024;
export const GIT_EMAIL = 'crucible@localhost';

/** Runs `git <args>` in `cwd`; never throws for a git failure (ok false, with its stderr). */
export function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const name = options.author ?? 'crucible';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: GIT_EMAIL,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: GIT_EMAIL,
    // The project's hooks and editor are not ours to run; git's messages are parsed, so in English.
    GIT_EDITOR: 'true',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
  const argv = [
    '-c',
    `user.name=${name}`,
    '-c',
    `user.email=${GIT_EMAIL}`,
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.quotePath=false',
    ...args,
  ];
  return new Promise((resolve) => {
    execFile(
      'git',
      argv,
      { cwd, env, timeout: options.timeoutMs ?? 60_000, maxBuffer: MAX_OUTPUT, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ ok: !error, code, stdout, stderr: stderr || (error && !stderr ? error.message : '') });
      },
    );
  });
}

/** Like `git`, but a failure throws with git's own words. */
export async function gitOrThrow(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await git(cwd, args, options);
  if (!result.ok) throw new Error(`git ${args.join(' ')}: ${(result.stderr || result.stdout).trim().slice(0, 2000)}`);
  return result.stdout;
}

// git for `task diff`: numbers per file, the unified diff, untracked files and
// a new file against nothing. Every call goes through the worktrees' `git`
// (execFile with an argv array, no shell, a timeout, bounded output); commits
// and paths come from the record, so each is checked before it reaches git, and
// `--` always ends the options. External diff drivers and textconv filters are
// off: showing a diff never runs a program the repository configured.
import { git } from '../../runtime/worktrees/git.js';
import { failure } from '../../shared/errors.js';
import type { DiffFile } from './schema.js';

const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames'] as const;

/** A full or abbreviated commit id: nothing else from the record is passed to git as a revision. */
export const isCommitId = (value: string | undefined): value is string => value !== undefined && /^[0-9a-f]{7,64}$/.test(value);

export type FileChange = Pick<DiffFile, 'path' | 'status' | 'additions' | 'deletions'>;

async function run(cwd: string, args: readonly string[], { differ = false } = {}): Promise<string> {
  // A linked path is a path, never a pattern: a file named `*` must not widen the diff to the whole repository.
  const result = await git(cwd, ['--literal-pathspecs', ...args]);
  // `diff --no-index` exits 1 when the files differ: that is its answer, not a failure.
  if (result.ok || (differ && result.code === 1)) return result.stdout;
  throw failure(
    'git-failed',
    `git ${args[0]} failed in ${cwd}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`,
    'check `git status` there',
  );
}

/** Whether `rev` names a commit in the repository at `cwd`. */
export async function hasCommit(cwd: string, rev: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).ok;
}

/** Whether `path` exists in `commit` (a file added since the commit does not). */
export async function inCommit(cwd: string, commit: string, path: string): Promise<boolean> {
  return (await git(cwd, ['cat-file', '-e', `${commit}:${path}`])).ok;
}

/** Files changed between `revs` (one rev: against the working tree), with their line counts. */
export async function changedFiles(cwd: string, revs: readonly string[], paths: readonly string[] = []): Promise<FileChange[]> {
  const [numstat, names] = await Promise.all([
    run(cwd, [...DIFF, '--numstat', '-z', ...revs, '--', ...paths]),
    run(cwd, [...DIFF, '--name-status', '-z', ...revs, '--', ...paths]),
  ]);
  const status = new Map<string, FileChange['status']>();
  const parts = names.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const letter = parts[i]!;
    status.set(parts[i + 1]!, letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified');
  }
  return numstat
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [added = '0', deleted = '0', ...rest] = entry.split('\t');
      const path = rest.join('\t');
      // A binary file counts "-": no lines to count.
      return { path, status: status.get(path) ?? 'modified', additions: Number(added) || 0, deletions: Number(deleted) || 0 };
    });
}

/** The unified diff between `revs` (one rev: against the working tree). */
export function patchOf(cwd: string, revs: readonly string[], paths: readonly string[] = []): Promise<string> {
  return run(cwd, [...DIFF, ...revs, '--', ...paths]);
}

/** Files git does not track under `cwd` (ignored ones too with `ignored`), minus `exclude` and what is under them. */
export async function untrackedFiles(
  cwd: string,
  { paths = [], exclude = [], ignored = false }: { paths?: readonly string[]; exclude?: readonly string[]; ignored?: boolean } = {},
): Promise<string[]> {
  const listed = await run(cwd, ['ls-files', '-z', '--others', ...(ignored ? [] : ['--exclude-standard']), '--', ...paths]);
  const skip = (path: string) => exclude.some((e) => path === e || path.startsWith(`${e}/`));
  return listed.split('\0').filter((path) => path && !skip(path));
}

/** A new file as a diff against nothing, and its line count. */
export async function newFileDiff(cwd: string, path: string): Promise<{ change: FileChange; patch: string }> {
  const patch = await run(cwd, [...DIFF.filter((a) => a !== '--no-renames'), '--no-index', '--', '/dev/null', path], { differ: true });
  const additions = patch.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++ ')).length;
  return { change: { path, status: 'added', additions, deletions: 0 }, patch };
}

/** Whether `older` is `newer` or one of its ancestors. */
export async function isAncestor(cwd: string, older: string, newer: string): Promise<boolean> {
  return (await git(cwd, ['merge-base', '--is-ancestor', older, newer])).ok;
}

/** The latest of `commits` along one line of history: each one later is kept only when the earlier one is its ancestor. */
export async function latestOf(cwd: string, commits: readonly string[]): Promise<string | undefined> {
  let latest: string | undefined;
  for (const commit of commits) if (!latest || (commit !== latest && (await isAncestor(cwd, latest, commit)))) latest = commit;
  return latest;
}

/**
 * Where a task's branch or worktree left the integration branch (`into`): the commit its worktree was made from,
 * moved forward only where the integration branch was merged into the task's work (to resolve a conflict, even a
 * merge still in progress in `cwd`). What landed on the integration branch since is not the task's change.
 */
export async function forkBase(cwd: string, recorded: string, into: string, heads: readonly string[]): Promise<string> {
  const forks: string[] = [recorded];
  for (const head of heads) {
    const fork = await git(cwd, ['merge-base', head, into]);
    const commit = fork.stdout.trim();
    if (fork.ok && isCommitId(commit)) forks.push(commit);
  }
  return (await latestOf(cwd, forks)) ?? recorded;
}

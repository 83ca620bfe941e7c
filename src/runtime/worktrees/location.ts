// Where a project's worktrees live: outside the project, so that nothing walking the project (a test runner's
// discovery, a linter, a file watcher, a bundler) finds second copies of its files. Under the user's state folder
// (not the cache: a worktree holds a task's work until it is merged, which no cache cleaner may take), one folder per
// project named after it: $CRUCIBLE_WORKTREES_DIR, else $XDG_STATE_HOME/crucible/worktrees, else
// ~/.local/state/crucible/worktrees, then `<folder name>-<hash of the project's real path>`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { failure } from '../../shared/errors.js';

/** Names the project a worktrees folder belongs to, for a person cleaning up after a project they deleted. */
const PROJECT_FILE = '.project';

export function worktreesHome(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.CRUCIBLE_WORKTREES_DIR;
  if (chosen && !isAbsolute(chosen))
    throw failure(
      'worktrees-dir',
      `CRUCIBLE_WORKTREES_DIR is not an absolute path: ${JSON.stringify(chosen)}`,
      'give it an absolute folder (e.g. "$HOME/worktrees"), or unset it',
    );
  if (chosen) return chosen;
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'crucible', 'worktrees');
}

const realRoot = (root: string): string => {
  try {
    // The native call also settles letter case on case-insensitive disks: one folder per project.
    return realpathSync.native(root);
  } catch {
    return root;
  }
};

/** The project's worktrees folder (the same for every path that reaches the project through a symlink). */
export function projectWorktreesDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const real = realRoot(root);
  const name =
    basename(real)
      .replace(/[^\w.-]/g, '_')
      .slice(0, 40) || 'project';
  return join(worktreesHome(env), `${name}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
}

/** Where versions before worktrees moved out of the project kept them (moved out when a run starts). */
export const legacyWorktreesDir = (root: string): string => join(root, '.crucible', 'worktrees');
export const worktreesDir = (root: string): string => projectWorktreesDir(root);

/**
 * A task's worktree: where it lives now, or where an earlier version kept it when it could not be moved out (another
 * filesystem: `git worktree move` only renames), so a kept task reopens where its work is.
 */
export function worktreePath(root: string, taskId: string): string {
  const legacy = join(legacyWorktreesDir(root), taskId);
  return isWorktreeOf(root, legacy) ? legacy : join(worktreesDir(root), taskId);
}

/** `dir` is a worktree of the repository at `root`: its `.git` file names a folder under `<root>/.git/worktrees/`. */
function isWorktreeOf(root: string, dir: string): boolean {
  try {
    const gitdir = /^gitdir: (.+)$/m.exec(readFileSync(join(dir, '.git'), 'utf8'))?.[1]?.trim();
    const under = (base: string) => gitdir !== undefined && resolve(dir, gitdir).startsWith(join(base, '.git', 'worktrees') + sep);
    return under(root) || under(realRoot(root));
  } catch {
    return false;
  }
}

/** Makes the folder (owner-only: it holds copies of the project) and names its project in it. */
export async function makeWorktreesDir(root: string): Promise<string> {
  const dir = projectWorktreesDir(root);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const marker = join(dir, PROJECT_FILE);
    if (!existsSync(marker)) await writeFile(marker, `${realRoot(root)}\n`);
  } catch (error) {
    throw failure(
      'worktrees-dir',
      `cannot make the worktrees folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'set CRUCIBLE_WORKTREES_DIR to a writable absolute folder, or "worktrees": {"enabled": false} in .crucible/config.json',
    );
  }
  return dir;
}

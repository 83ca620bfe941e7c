// Recycled worktrees. A fresh `git worktree add` writes every file of the project (on a loaded
// machine about a millisecond each: seconds for a few thousand files); a worktree whose task was
// merged is instead parked as a spare, and the next task checks its branch out there, which
// rewrites only the files that differ. A spare holds no work: it is detached, and cleaned when taken.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { worktreesDir } from './location.js';
import { git } from './git.js';

const SPARE = '_spare-';
/** Spares kept beyond this many are removed (a run rarely has more worktrees at once). */
export const MAX_SPARES = 4;

const sparesIn = (root: string): string[] => {
  try {
    return readdirSync(worktreesDir(root))
      .filter((name) => name.startsWith(SPARE))
      .map((name) => join(worktreesDir(root), name));
  } catch {
    return [];
  }
};

/** Moves a spare to `path` (a rename, quick: call it under the admin lock); false when there is none. */
export async function claimSpare(root: string, path: string): Promise<boolean> {
  for (const spare of sparesIn(root)) {
    if ((await git(root, ['worktree', 'move', spare, path])).ok) return true;
    await git(root, ['worktree', 'remove', '--force', spare]);
  }
  return false;
}

/**
 * Checks out `checkout` (`-B <branch> <base>`, or an existing branch) in a claimed spare exactly as a
 * fresh worktree would be: forced, and every file git does not track removed (the `keep` links
 * excepted). A spare that cannot be switched is removed (false: make a fresh worktree instead).
 */
export async function resetSpare(root: string, path: string, checkout: string[], keep: readonly string[]): Promise<boolean> {
  // A kept path is kept only as the link to the root's copy: a folder a task's command put there instead is that task's, not the next one's.
  for (const link of keep) {
    const at = join(path, link);
    const info = lstatSync(at, { throwIfNoEntry: false });
    if (info && !(info.isSymbolicLink() && readlinkSync(at) === join(root, link))) await rm(at, { recursive: true, force: true });
  }
  const switched = await git(path, ['checkout', '--quiet', '--force', ...checkout]);
  if (switched.ok && (await git(path, ['clean', '-ffdxq', ...keep.flatMap((link) => ['-e', `/${link}`])])).ok) return true;
  await git(root, ['worktree', 'remove', '--force', path]);
  return false;
}

/** After its merge: the task's worktree leaves its branch (then deleted) and is parked as a spare, or removed past MAX_SPARES. */
export async function recycle(root: string, path: string, branch: string): Promise<void> {
  const parked = sparesIn(root).length < MAX_SPARES && (await git(path, ['checkout', '--quiet', '--detach'])).ok;
  const moved = parked && (await git(root, ['worktree', 'move', path, join(worktreesDir(root), `${SPARE}${Date.now().toString(36)}`)])).ok;
  if (!moved) await git(root, ['worktree', 'remove', '--force', path]);
  await git(root, ['branch', '-D', branch]);
}

// Where a project's worktrees live: outside the project, so that nothing walking the project (a test runner's
// discovery, a linter, a file watcher, a bundler) finds second copies of its files. Under the user's cache, one
// folder per project named after it: $CRUCIBLE_WORKTREES_DIR, else $XDG_CACHE_HOME/crucible/worktrees, else
// ~/.cache/crucible/worktrees, then `<folder name>-<hash of the project's real path>`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

/** Names the project a worktrees folder belongs to, so a folder whose project is gone can be told apart. */
const PROJECT_FILE = '.project';

export function worktreesHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CRUCIBLE_WORKTREES_DIR && isAbsolute(env.CRUCIBLE_WORKTREES_DIR)) return env.CRUCIBLE_WORKTREES_DIR;
  const cache = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'crucible', 'worktrees');
}

const realRoot = (root: string): string => {
  try {
    return realpathSync(root);
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

export const worktreesDir = (root: string): string => projectWorktreesDir(root);
export const worktreePath = (root: string, taskId: string): string => join(worktreesDir(root), taskId);
/** Where versions before worktrees moved out of the project kept them (moved out when a run starts). */
export const legacyWorktreesDir = (root: string): string => join(root, '.crucible', 'worktrees');

/** Makes the folder and names its project in it. */
export async function makeWorktreesDir(root: string): Promise<string> {
  const dir = projectWorktreesDir(root);
  await mkdir(dir, { recursive: true });
  const marker = join(dir, PROJECT_FILE);
  if (!existsSync(marker)) await writeFile(marker, `${realRoot(root)}\n`);
  return dir;
}

/**
 * Removes the worktrees folders of projects that no longer exist (deleted with their repository, so their worktrees
 * hold nothing git still knows). A project whose parent folder is missing too (an unmounted drive) is left alone.
 */
export async function removeOrphanedWorktrees(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const home = worktreesHome(env);
  let names: string[];
  try {
    names = readdirSync(home);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = join(home, name);
    let project: string;
    try {
      project = readFileSync(join(dir, PROJECT_FILE), 'utf8').trim();
    } catch {
      continue;
    }
    if (!isAbsolute(project) || existsSync(project) || !existsSync(dirname(project))) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

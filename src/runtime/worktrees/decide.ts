// The pure parts of the worktree plumbing: whether a run uses worktrees, where a task's worktree
// and branch are, and what git's output says (conflicted files, leftover markers, a dirty tree).

export interface WorktreeSetting {
  enabled: 'auto' | boolean;
  branch?: string | undefined;
}

/** What the project looks like to git: a repository (a `.git` at the root) and the branch checked out there, if any. */
export interface RepoProbe {
  isRepo: boolean;
  /** Undefined on a detached HEAD. */
  checkedOut?: string | undefined;
}

export type WorktreeDecision = { mode: 'worktrees'; branch: string } | { mode: 'shared'; why: string; fix?: string };

/** Worktrees when the config allows them and git can host them; otherwise the shared tree, saying why. */
export function decideWorktrees(setting: WorktreeSetting, probe: RepoProbe): WorktreeDecision {
  if (setting.enabled === false) return { mode: 'shared', why: 'worktrees are off in the config' };
  const explicit = setting.enabled === true;
  if (!probe.isRepo)
    return explicit
      ? { mode: 'shared', why: 'worktrees.enabled is true but the project is not a git repository', fix: 'run `git init` and commit' }
      : { mode: 'shared', why: 'the project is not a git repository', fix: 'run `git init` and commit to give each task its own worktree' };
  const branch = setting.branch ?? probe.checkedOut;
  if (!branch)
    return {
      mode: 'shared',
      why: 'HEAD is detached and no worktrees.branch is set',
      fix: 'check out a branch, or set "worktrees": {"branch": "main"}',
    };
  return { mode: 'worktrees', branch };
}

export const MERGE_TREE = '_merge';
export const taskBranch = (taskId: string): string => `crucible/${taskId}`;

/** `git diff --name-only --diff-filter=U` output: the files with conflicts. */
export const conflictedFiles = (nameOnly: string): string[] => [
  ...new Set(
    nameOnly
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/** `git diff --check` output: the files that still hold conflict markers. */
export function filesWithMarkers(check: string): string[] {
  const files = new Set<string>();
  for (const line of check.split('\n')) {
    const match = /^(.+?):\d+: leftover conflict marker/.exec(line);
    if (match) files.add(match[1]!);
  }
  return [...files];
}

/** `git status --porcelain` lines that are changes of the user's (Crucible's own workspace does not count). */
export function dirtyPaths(porcelain: string): string[] {
  return porcelain
    .split('\n')
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3))
    .filter((path) => !path.startsWith('.crucible/') && path !== '.crucible');
}

/** The branch each worktree has checked out, from `git worktree list --porcelain`: path by branch name. */
export function checkedOutBranches(porcelain: string): Map<string, string> {
  const byBranch = new Map<string, string>();
  for (const block of porcelain.split('\n\n')) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    const branch = /^branch refs\/heads\/(.+)$/m.exec(block)?.[1];
    if (path && branch) byBranch.set(branch, path);
  }
  return byBranch;
}

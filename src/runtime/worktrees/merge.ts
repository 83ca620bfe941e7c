// The merge gate (docs/worktrees.md): a task's green worktree is committed, merged into the
// integration branch in a merge worktree under the run's merge lock, gated again on the merged
// result, and only then does the integration branch move. Conflicts go back to the task's worktree
// as markers for its agent to resolve; every failure keeps the worktree and its branch.
import { existsSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { join, resolve } from 'node:path';
import { messageOf } from '../../shared/errors.js';
import { lastChars } from '../../tools/bounded.js';
import type { GateRunOptions, IntegrateResult, ToolContext } from '../../tools/types.js';
import { refusal } from '../../record/refusal.js';
import { checkedOutBranches, conflictedFiles, dirtyPaths, filesWithMarkers, taskBranch } from './decide.js';
import { git, gitOrThrow } from './git.js';
import type { TaskTrees } from './task-trees.js';

export interface IntegrateRequest {
  taskId: string;
  title: string;
  /** The agent: the commit's author. */
  author: string;
  /** What the agent may write: a change elsewhere in its tree (a command's, say) is never merged. */
  writePaths: readonly string[];
  commands: readonly string[];
  readOnly: readonly string[];
  runGate: NonNullable<ToolContext['runGate']>;
  signal?: AbortSignal;
}

/** Commits the task's worktree, then merges and gates it under the merge lock; the lock is held until `release`. */
export async function integrate(trees: TaskTrees, tree: string, request: IntegrateRequest): Promise<IntegrateResult> {
  const committed = await commitWork(trees, tree, request).catch((error: unknown) =>
    refusal('merge-failed', `git could not commit ${request.taskId}'s worktree: ${messageOf(error)}`, MERGE_FAILED_FIX),
  );
  if (!committed.ok) return committed;
  let unlock!: () => void;
  const held = new Promise<void>((resolve) => (unlock = resolve));
  let result!: IntegrateResult;
  const entered = new Promise<void>((resolve) => {
    void trees.mergeLock.run(async () => {
      try {
        result = await mergeAndGate(trees, tree, request);
      } catch (error) {
        result = refusal('merge-failed', `git could not merge ${taskBranch(request.taskId)}: ${messageOf(error)}`, MERGE_FAILED_FIX);
      }
      resolve();
      if (result.ok) await held;
    });
  });
  await entered;
  if (!result.ok) return result;
  const merged = result;
  return {
    ...merged,
    release: async (landed) => {
      unlock();
      if (landed) await trees.remove(request.taskId);
    },
  };
}

/** A worktree's own git folder: its `.git` is a file `gitdir: <path>`. */
function gitDirOf(tree: string): string {
  const dotGit = join(tree, '.git');
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  return pointer ? resolve(tree, pointer) : dotGit;
}

const MERGE_FAILED_FIX = 'the worktree and branch are kept (see `crucible status`); tell the human what git said';

/** Everything in the worktree becomes one commit on the task's branch (finishing a merge of the integration branch, if one waits). */
async function commitWork(trees: TaskTrees, tree: string, request: IntegrateRequest): Promise<{ ok: true } | ReturnType<typeof refusal>> {
  const excluded = trees.links.filter((path) => trees.isOurLink(tree, path)).map((path) => `:(exclude,top)${path}`);
  await gitOrThrow(tree, ['add', '-A', '--', '.', ...excluded]);
  const merging = existsSync(join(gitDirOf(tree), 'MERGE_HEAD'));
  if (merging) {
    const markers = filesWithMarkers((await git(tree, ['diff', '--cached', '--check'])).stdout);
    if (markers.length > 0) return conflictRefusal(request.taskId, markers, 'they still hold conflict markers');
  }
  const outside = await changesOutside(tree, merging ? 'MERGE_HEAD' : await forkPoint(tree, trees.branch), request.writePaths);
  if (outside.length > 0) return outsideRefusal(request, outside);
  const message = merging ? `${request.taskId}: merge ${trees.branch}` : `${request.taskId}: ${request.title}`;
  const commit = await git(tree, ['commit', '--quiet', '--no-verify', '-m', message], { author: request.author });
  // Nothing to commit (a task that changed no file) is fine: its branch is merged as it is.
  if (!commit.ok && !/nothing to commit|nothing added to commit/.test(commit.stdout + commit.stderr))
    throw new Error((commit.stderr || commit.stdout).trim().slice(0, 2000));
  return { ok: true };
}

/** Where the task's branch left the integration branch: its own changes are those since. */
async function forkPoint(tree: string, into: string): Promise<string> {
  return (await gitOrThrow(tree, ['merge-base', 'HEAD', `refs/heads/${into}`])).trim();
}

/**
 * The staged paths the agent changed outside its write_paths (a command can write anywhere in its
 * tree), each put back as it was at `base`: a file it changed or deleted is restored, one it created is removed.
 */
async function changesOutside(tree: string, base: string, writePaths: readonly string[]): Promise<string[]> {
  const allowed = writePaths.length > 0 ? picomatch([...writePaths], { dot: true }) : () => false;
  const changed = (await gitOrThrow(tree, ['diff', '--cached', '--name-only', '--no-renames', '-z', base])).split('\0').filter(Boolean);
  const outside = changed.filter((path) => !allowed(path));
  for (const path of outside) {
    const existed = (await git(tree, ['cat-file', '-e', `${base}:${path}`])).ok;
    await gitOrThrow(tree, existed ? ['checkout', base, '--', path] : ['rm', '-f', '--quiet', '--', path]);
  }
  return outside;
}

function outsideRefusal(request: IntegrateRequest, paths: string[]) {
  const list = paths.slice(0, 20).join(', ') + (paths.length > 20 ? `, … (${paths.length} in all)` : '');
  return refusal(
    'write-not-allowed',
    `your tree changed ${list}, outside the paths your role may write (${request.writePaths.join(', ') || 'none'}); ` +
      'those changes were undone and nothing was merged',
    'keep your changes (and what your commands write) inside your write_paths, check the gate still passes, then call complete_task again',
  );
}

function conflictRefusal(taskId: string, files: string[], why = 'your branch and the integration branch changed the same lines') {
  const list = files.join(', ');
  return refusal(
    'merge-conflict',
    `merging ${taskId} conflicts in ${list}: ${why}`,
    `resolve the conflict markers (<<<<<<< ======= >>>>>>>) in ${list} keeping both changes, then call complete_task again`,
  );
}

async function mergeAndGate(trees: TaskTrees, tree: string, request: IntegrateRequest): Promise<IntegrateResult> {
  const { taskId } = request;
  const branch = taskBranch(taskId);
  const into = trees.branch;
  const checkedOut = checkedOutBranches(await gitOrThrow(trees.root, ['worktree', 'list', '--porcelain']));
  const home = checkedOut.get(into);
  if (home) {
    const dirty = dirtyPaths(await gitOrThrow(home, ['status', '--porcelain', '--untracked-files=no']));
    if (dirty.length > 0) return dirtyRefusal(home, into, dirty);
  }
  const mergeTree = await prepareMergeTree(trees, into);
  const before = (await gitOrThrow(mergeTree, ['rev-parse', 'HEAD'])).trim();
  const merge = await git(mergeTree, ['merge', '--no-ff', '--no-edit', '-m', `Merge ${branch}: ${request.title}`, branch], {
    author: request.author,
  });
  if (!merge.ok) {
    const files = conflictedFiles((await git(mergeTree, ['diff', '--name-only', '--diff-filter=U'])).stdout);
    await git(mergeTree, ['merge', '--abort']);
    if (files.length === 0) throw new Error((merge.stderr || merge.stdout).trim().slice(0, 2000));
    // The agent resolves where it works: its commands may not reach .git, so the markers wait in its files.
    const markers = await git(tree, ['merge', '--no-edit', `refs/heads/${into}`], { author: request.author });
    // A merge that stopped for another reason than conflicts (an untracked file in the way) left no markers to resolve.
    if (!markers.ok && !existsSync(join(gitDirOf(tree), 'MERGE_HEAD')))
      throw new Error((markers.stderr || markers.stdout).trim().slice(0, 2000));
    await trees.store.append({ type: 'merge.conflicted', actor: 'coordinator', data: { taskId, branch, files } });
    return conflictRefusal(taskId, files);
  }
  const shared = await trees.link(mergeTree);
  const options: GateRunOptions = { root: mergeTree, readOnly: request.readOnly, shared };
  const outcomes = await request.runGate(request.commands, request.signal, options);
  const red = outcomes.find((o) => o.exitCode !== 0);
  if (red)
    return refusal(
      'gate-failed-after-merge',
      `your work passed alone, but merged with ${into} \`${red.command}\` exits ${red.exitCode}:\n${lastChars(red.outputTail, 2000)}`,
      `${into} is unchanged; fix your code in your worktree so it works with what ${into} has now (read the failing output), then call complete_task again`,
    );
  const commit = (await gitOrThrow(mergeTree, ['rev-parse', 'HEAD'])).trim();
  const advanced = commit === before ? { ok: true as const } : await advance(trees, into, { before, commit }, home);
  if (!advanced.ok) return advanced;
  return {
    ok: true,
    readMerged: async (path) => {
      const shown = await git(trees.root, ['show', `${commit}:${path}`]);
      return shown.ok ? shown.stdout : undefined;
    },
    events: [
      { type: 'merge.succeeded', actor: 'coordinator', data: { taskId, branch, into, commit } },
      { type: 'worktree.removed', actor: 'coordinator', data: { taskId } },
    ],
    release: async () => undefined,
  };
}

/** The reused merge worktree, detached and clean at the integration branch's head. */
async function prepareMergeTree(trees: TaskTrees, into: string): Promise<string> {
  const mergeTree = await trees.mergeTree();
  // Detached, so reset moves only its HEAD; it also drops a merge left half-done by a killed run.
  await gitOrThrow(mergeTree, ['reset', '--quiet', '--hard', `refs/heads/${into}`]);
  // Ignored files too (a build left by the last merge's gate): each merge is gated on its own result; the linked paths stay.
  await gitOrThrow(mergeTree, ['clean', '-ffdxq', ...trees.links.flatMap((link) => ['-e', `/${link}`])]);
  return mergeTree;
}

/** Moves the integration branch to the merged commit: fast-forward where it is checked out, else update-ref guarded by its old value. */
async function advance(trees: TaskTrees, into: string, { before, commit }: { before: string; commit: string }, home: string | undefined) {
  if (home) {
    const ff = await git(home, ['merge', '--ff-only', '--quiet', commit]);
    if (!ff.ok) return dirtyRefusal(home, into, [(ff.stderr || ff.stdout).trim().slice(0, 500)]);
    return { ok: true as const };
  }
  const moved = await git(trees.root, ['update-ref', `refs/heads/${into}`, commit, before]);
  if (!moved.ok) throw new Error(`${into} moved while merging: ${moved.stderr.trim()}`);
  return { ok: true as const };
}

function dirtyRefusal(home: string, into: string, what: string[]) {
  return refusal(
    'dirty-integration-branch',
    `${into} is checked out at ${home} with uncommitted changes (${what.slice(0, 10).join(', ')}); nothing is merged into it`,
    `the human commits or stashes the changes in ${home}, then you call complete_task again (ask_human if it does not happen)`,
  );
}

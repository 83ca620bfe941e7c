// What a task changed, read from the best place the record names: its worktree
// (committed and uncommitted work, new files too) while it has one, its branch
// when the worktree is gone, both against where the task left the integration
// branch; the commit that merged it; or else the files linked to it in the
// project's working tree, against where the task started (the commit recorded
// when it was last claimed, or with the link when that is later; logs from
// before claims recorded it: the link's). Commits landed on the main tree since
// the task started are not its change. Errors: an unknown task (not found), no
// change recorded at all (not found), linked files outside a git repository (usage).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLink, Task } from '../../record/tables.js';
import { taskBranch } from '../../runtime/worktrees/decide.js';
import { worktreePath } from '../../runtime/worktrees/location.js';
import { notFound, usageError } from '../../shared/errors.js';
import { resolveInWorkspace } from '../../tools/sandbox.js';
import type { Workspace } from '../../workspace/open.js';
import { git } from '../../runtime/worktrees/git.js';
import {
  changedFiles,
  forkBase,
  hasCommit,
  inCommit,
  isCommitId,
  latestOf,
  newFileDiff,
  patchOf,
  untrackedFiles,
  type FileChange,
} from './git-diff.js';
import type { DiffFile, DiffSource, TaskDiff } from './schema.js';

/** The patch is cut here: a diff is for reading, and the numbers per file stay whole. */
export const MAX_PATCH_CHARS = 512 * 1024;

export interface DiffOptions {
  /** Only the numbers per file: no patch is computed. */
  stat?: boolean;
}

type DiffWorkspace = Pick<Workspace, 'paths' | 'config' | 'store'>;

interface Gathered {
  source: DiffSource;
  compared: string;
  files: DiffFile[];
  patches: string[];
}

export async function taskDiff(ws: DiffWorkspace, id: string, options: DiffOptions = {}): Promise<TaskDiff> {
  const task = ws.store.view.get('tasks', id);
  if (!task) throw notFound('unknown-id', `task ${id} does not exist`, 'list tasks with `crucible task list`');
  const gathered = await gather(ws, task, options.stat === true);
  const patch = gathered.patches.join('');
  return {
    task: id,
    title: task.title,
    source: gathered.source,
    compared: gathered.compared,
    files: gathered.files,
    additions: gathered.files.reduce((n, f) => n + f.additions, 0),
    deletions: gathered.files.reduce((n, f) => n + f.deletions, 0),
    patch: patch.slice(0, MAX_PATCH_CHARS),
    truncated: patch.length > MAX_PATCH_CHARS,
  };
}

async function gather(ws: DiffWorkspace, task: Task, stat: boolean): Promise<Gathered> {
  const root = ws.paths.root;
  const tree = ws.store.view.get('worktrees', task.id);
  if (tree && isCommitId(tree.base)) {
    const path = worktreePath(root, task.id);
    const into = await integrationRef(ws);
    if (existsSync(join(path, '.git'))) {
      const heads = ['HEAD', ...((await hasCommit(path, 'MERGE_HEAD')) ? ['MERGE_HEAD'] : [])];
      const base = into ? await forkBase(path, tree.base, into, heads) : tree.base;
      return fromWorktree(path, base, ws.config.worktrees.link, stat);
    }
    const branch = `refs/heads/${taskBranch(task.id)}`;
    if (await hasCommit(root, branch)) {
      const base = into ? await forkBase(root, tree.base, into, [branch]) : tree.base;
      return fromRevs(root, 'branch', [base, branch], `branch ${taskBranch(task.id)} against ${short(base)}, where it left ${into}`, stat);
    }
  }
  const { merged, claimed } = await logMarks(ws, task.id);
  if (merged && existsSync(join(root, '.git')) && (await hasCommit(root, `${merged}^1`)))
    return fromRevs(root, 'merge', [`${merged}^1`, merged], `merge commit ${short(merged)} against its first parent`, stat);
  const links = linksOf(ws, task.id);
  if (links.length === 0)
    throw notFound(
      'no-changes',
      `${task.id} has no recorded changes: no worktree, branch or merge, and no code linked to it`,
      `link the code it changed with \`crucible link ${task.id} <path>\``,
    );
  if (!existsSync(join(root, '.git')))
    throw usageError(
      'not-a-git-repo',
      `${task.id}'s linked files cannot be compared: ${root} is not a git repository`,
      'run `git init` and commit; links made in a git checkout record the commit to compare with',
    );
  return fromLinks(root, links, claimed, stat);
}

/** The integration branch tasks start from and merge into: the configured one, else the one checked out at the root. */
async function integrationRef(ws: DiffWorkspace): Promise<string | undefined> {
  if (ws.config.worktrees.branch) return `refs/heads/${ws.config.worktrees.branch}`;
  const head = await git(ws.paths.root, ['symbolic-ref', '-q', 'HEAD']);
  const ref = head.stdout.trim();
  return head.ok && /^refs\/heads\/[\w./-]+$/.test(ref) ? ref : undefined;
}

const short = (commit: string) => commit.slice(0, 12);

async function fromWorktree(tree: string, base: string, shared: readonly string[], stat: boolean): Promise<Gathered> {
  const files: DiffFile[] = (await changedFiles(tree, [base])).map((f) => ({ ...f, base }));
  const patches = stat ? [] : [await patchOf(tree, [base])];
  // New files the agent has not committed yet are its work too; the root's paths linked into the tree are not.
  for (const path of await untrackedFiles(tree, { exclude: shared })) {
    const added = await newFileDiff(tree, path);
    files.push({ ...added.change, base });
    if (!stat) patches.push(added.patch);
  }
  return { source: 'worktree', compared: `its worktree against ${short(base)}, where it left the integration branch`, files, patches };
}

async function fromRevs(root: string, source: DiffSource, revs: string[], compared: string, stat: boolean): Promise<Gathered> {
  const base = revs[0]!;
  const files = (await changedFiles(root, revs)).map((f) => ({ ...f, base }));
  return { source, compared, files, patches: stat ? [] : [await patchOf(root, revs)] };
}

/** Each linked file in the project's working tree, against where the task started (see the header). */
async function fromLinks(root: string, links: CodeLink[], claimed: string | undefined, stat: boolean): Promise<Gathered> {
  const files: DiffFile[] = [];
  const patches: string[] = [];
  const started = claimed && (await hasCommit(root, claimed)) ? claimed : undefined;
  for (const [path, linked] of firstCommits(links)) {
    if (!safePath(root, path)) {
      files.push(unknown(path, null, 'outside the project: not compared'));
      continue;
    }
    // Agents cannot commit in the shared tree: a commit after the claim (or after the link) is not the task's.
    const commit = started && linked && (await hasCommit(root, linked)) ? await latestOf(root, [started, linked]) : (linked ?? started);
    if (!commit) {
      files.push(unknown(path, null, 'linked outside a git checkout: no commit to compare with'));
      continue;
    }
    if (!(await hasCommit(root, commit))) {
      files.push(unknown(path, commit, `commit ${short(commit)} is not in this repository`));
      continue;
    }
    const change = await linkedChange(root, path, commit, stat, patches);
    files.push({ ...change, base: commit });
  }
  const compared = started
    ? `its linked files in the working tree against ${short(started)}, where it was claimed (or a later link's commit)`
    : 'its linked files in the working tree against the commit recorded with each link';
  return { source: 'links', compared, files, patches };
}

async function linkedChange(root: string, path: string, commit: string, stat: boolean, patches: string[]): Promise<FileChange> {
  const onDisk = existsSync(join(root, path));
  if (!(await inCommit(root, commit, path))) {
    // Not in the commit: new since, committed later (git diff shows it) or not tracked yet (a diff against nothing).
    const [tracked] = await changedFiles(root, [commit], [path]);
    if (tracked) {
      if (!stat) patches.push(await patchOf(root, [commit], [path]));
      return tracked;
    }
    if (!onDisk) return { path, status: 'missing', additions: 0, deletions: 0 };
    const untracked = await untrackedFiles(root, { paths: [path] });
    if (untracked.length === 0) {
      // A file git ignores (`.env`, a local config) may hold secrets redaction cannot know: named, never shown.
      const ignored = await untrackedFiles(root, { paths: [path], ignored: true });
      return { path, status: ignored.length > 0 ? 'unknown' : 'unchanged', additions: 0, deletions: 0 };
    }
    const added = await newFileDiff(root, path);
    if (!stat) patches.push(added.patch);
    return added.change;
  }
  const [changed] = await changedFiles(root, [commit], [path]);
  if (!changed) return { path, status: 'unchanged', additions: 0, deletions: 0 };
  if (!stat) patches.push(await patchOf(root, [commit], [path]));
  return changed;
}

const unknown = (path: string, base: string | null, note: string): DiffFile => ({
  path,
  status: 'unknown',
  additions: 0,
  deletions: 0,
  base,
  note,
});

/** Whether the record's path stays inside the project (no `..`, no absolute path, no symlink out). */
function safePath(root: string, path: string): boolean {
  try {
    resolveInWorkspace(root, path);
    return true;
  } catch {
    return false;
  }
}

/** The task's links: to the task itself, or made while an agent held it. */
function linksOf(ws: DiffWorkspace, id: string): CodeLink[] {
  return [...ws.store.view.rows('links')]
    .filter((l) => l.entity === id || l.taskId === id)
    .sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)));
}

/** Each linked path with the commit of its earliest link that recorded one (so the diff covers all the task did since). */
function firstCommits(links: CodeLink[]): Map<string, string | undefined> {
  const byPath = new Map<string, string | undefined>();
  for (const link of links) {
    const commit = isCommitId(link.commit) ? link.commit : undefined;
    if (!byPath.has(link.path) || (byPath.get(link.path) === undefined && commit)) byPath.set(link.path, commit);
  }
  return byPath;
}

/** From the log: the commit that last merged the task's branch, and the commit its last claim started from. */
async function logMarks(ws: DiffWorkspace, id: string): Promise<{ merged?: string; claimed?: string }> {
  let merged: string | undefined;
  let claimed: string | undefined;
  for await (const event of ws.store.read()) {
    if (event.type === 'merge.succeeded' && event.data.taskId === id && isCommitId(event.data.commit)) merged = event.data.commit;
    if (event.type === 'task.claimed' && event.data.id === id) claimed = isCommitId(event.data.base) ? event.data.base : undefined;
  }
  return { ...(merged ? { merged } : {}), ...(claimed ? { claimed } : {}) };
}

// A git worktree per task: made (or reused) when a work job starts, its dependencies linked in,
// removed with its branch after the merge. One run holds one TaskTrees; the merge itself is in
// merge.ts. Every git call goes through git.ts (execFile, timeout, no prompt).
import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, rmdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '../../record/event-store.js';
import type { Config } from '../../workspace/config.js';
import { decideWorktrees, MERGE_TREE, taskBranch, type WorktreeDecision } from './decide.js';
import { legacyWorktreesDir, makeWorktreesDir, worktreePath, worktreesDir, worktreesHome } from './location.js';
import { git, gitOrThrow } from './git.js';
import { claimSpare, recycle, resetSpare } from './spares.js';

/** Where a task's job works: its worktree, and the root's paths linked into it (readable from the sandbox). */
export interface TaskTree {
  root: string;
  branch: string;
  shared: string[];
}

/** Runs `fn` after every earlier call has settled: one at a time. */
export class Lock {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(fn, fn);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

/** Whether this run gives each task a worktree: from the config and what git says about the root. */
export async function probeWorktrees(root: string, config: Config): Promise<WorktreeDecision> {
  const isRepo = existsSync(join(root, '.git'));
  const head = isRepo ? await git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']) : undefined;
  const checkedOut = head?.ok ? head.stdout.trim() || undefined : undefined;
  const decision = decideWorktrees(config.worktrees, { isRepo, checkedOut });
  if (decision.mode === 'shared') return decision;
  const exists = await git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${decision.branch}^{commit}`]);
  if (!exists.ok)
    return {
      mode: 'shared',
      why: `the integration branch ${decision.branch} has no commit yet`,
      fix: 'commit once (e.g. `git commit --allow-empty -m init`) to give each task its own worktree',
    };
  return decision;
}

export class TaskTrees {
  /** One merge at a time across the run's agents. */
  readonly mergeLock = new Lock();
  /** `git worktree add/remove` and branch changes, one at a time (they share the repository's admin files). */
  readonly adminLock = new Lock();

  constructor(
    readonly root: string,
    readonly branch: string,
    readonly links: readonly string[],
    readonly store: EventStore,
  ) {}

  /**
   * The task's worktree, made from the integration branch's head (in a recycled spare when there is
   * one), or the one kept from before. Only the admin steps take the lock: checkouts run side by side.
   */
  async open(taskId: string): Promise<TaskTree> {
    void this.mergeTree().catch(() => undefined);
    const path = worktreePath(this.root, taskId);
    const branch = taskBranch(taskId);
    let base: string | undefined;
    if (!existsSync(join(path, '.git'))) {
      await makeWorktreesDir(this.root);
      const spare = await this.adminLock.run(async () => {
        await this.pruned();
        return claimSpare(this.root, path);
      });
      const heads = await this.heads(branch);
      const checkout = heads.kept ? [branch] : ['-B', branch, heads.base];
      if (!spare || !(await resetSpare(this.root, path, checkout, this.links)))
        await this.addWorktree(path, heads.kept ? [path, branch] : ['-b', branch, path, heads.base]);
      if (!heads.kept) base = heads.base;
    }
    // A kept worktree is reused; one the record does not know yet (made, then the run was killed) is recorded now.
    if (!this.store.view.get('worktrees', taskId)) {
      base ??= (await gitOrThrow(this.root, ['merge-base', `refs/heads/${this.branch}`, `refs/heads/${branch}`])).trim();
      await this.store.append({
        type: 'worktree.created',
        actor: 'coordinator',
        data: { taskId, path, branch, base },
      });
    }
    return { root: path, branch, shared: await this.link(path) };
  }

  #pruned: Promise<unknown> | undefined;
  /**
   * Once a run, before any worktree is added: entries of worktrees deleted by hand would block their paths. Never
   * again later, for a prune beside a `worktree add` (which runs outside the lock) drops the entry it is still making.
   */
  private pruned(): Promise<unknown> {
    return (this.#pruned ??= git(this.root, ['worktree', 'prune']));
  }

  /** The integration branch's head, and whether the task's branch already exists (kept from before), in one git call. */
  private async heads(branch: string): Promise<{ base: string; kept: boolean }> {
    const refs = await gitOrThrow(this.root, [
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      `refs/heads/${this.branch}`,
      `refs/heads/${branch}`,
    ]);
    const sha = (ref: string) =>
      refs
        .split('\n')
        .find((line) => line.startsWith(`${ref} `))
        ?.split(' ')[1];
    const base = sha(`refs/heads/${this.branch}`);
    if (!base) throw new Error(`the integration branch ${this.branch} does not exist`);
    return { base, kept: sha(`refs/heads/${branch}`) !== undefined };
  }

  #mergeTree: Promise<string> | undefined;
  /** The merge worktree, detached (reused across runs); made at the first task so its checkout overlaps the agents' first turns. */
  mergeTree(): Promise<string> {
    const path = join(worktreesDir(this.root), MERGE_TREE);
    this.#mergeTree ??= existsSync(join(path, '.git'))
      ? Promise.resolve(path)
      : this.adminLock
          .run(() => Promise.all([this.pruned(), makeWorktreesDir(this.root)]))
          .then(() => this.addWorktree(path, ['--detach', path, `refs/heads/${this.branch}`]))
          .then(() => path);
    // A failure is not remembered: the next merge tries again.
    this.#mergeTree.catch(() => (this.#mergeTree = undefined));
    return this.#mergeTree;
  }

  /**
   * Registers a worktree under the admin lock, then checks its files out outside it, side by side with the others: two
   * `git worktree add`s at once can read each other's half-written admin entry and fail ("failed to read
   * .git/worktrees/_merge/commondir"), seen when the merge worktree and the first task's were made together.
   */
  private async addWorktree(path: string, args: readonly string[]): Promise<void> {
    await this.adminLock.run(() => gitOrThrow(this.root, ['worktree', 'add', '--quiet', '--no-checkout', ...args]));
    await gitOrThrow(path, ['reset', '--hard', '--quiet']);
  }

  /** Symlinks the configured paths (node_modules) from the root into `tree` where the root has them and the tree does not. */
  async link(tree: string): Promise<string[]> {
    const shared: string[] = [];
    for (const path of this.links) {
      const source = join(this.root, path);
      if (!existsSync(source)) continue;
      const target = join(tree, path);
      if (!exists(target)) {
        await mkdir(join(target, '..'), { recursive: true });
        await symlink(source, target);
      }
      if (this.isOurLink(tree, path)) shared.push(source);
    }
    return shared;
  }

  /** `path` in `tree` is the symlink `link` made to the root's copy (so it is not the task's work). */
  isOurLink(tree: string, path: string): boolean {
    const target = join(tree, path);
    return exists(target) && lstatSync(target).isSymbolicLink() && readlinkSync(target) === join(this.root, path);
  }

  /** After a merge: the task's worktree goes (parked as a spare for the next task, see spares.ts) and its branch is deleted. */
  remove(taskId: string): Promise<void> {
    return this.adminLock.run(() => recycle(this.root, worktreePath(this.root, taskId), taskBranch(taskId)));
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The run's worktrees, or none (the shared tree) with one notice when agents would share it. */
export async function taskTreesFor(
  ws: { paths: { root: string }; config: Config; store: EventStore },
  concurrency: number,
  notice?: (text: string) => void,
): Promise<TaskTrees | undefined> {
  const decision = await probeWorktrees(ws.paths.root, ws.config);
  if (decision.mode === 'worktrees') {
    worktreesHome(); // a bad CRUCIBLE_WORKTREES_DIR stops the run here, before any task is claimed
    await moveLegacyWorktrees(ws.paths.root, notice);
    return new TaskTrees(ws.paths.root, decision.branch, ws.config.worktrees.link, ws.store);
  }
  if (concurrency > 1 && ws.config.worktrees.enabled !== false)
    notice?.(
      `${concurrency} agents share one working tree (${decision.why}), so a gate may run over another agent's half-written files` +
        `${decision.fix ? `: ${decision.fix}` : ''}`,
    );
  return undefined;
}

/** Worktrees an earlier version made inside the project (`.crucible/worktrees/`) move out to where they live now. */
async function moveLegacyWorktrees(root: string, notice?: (text: string) => void): Promise<void> {
  const legacy = legacyWorktreesDir(root);
  const names = existsSync(legacy) ? readdirSync(legacy) : [];
  if (names.length > 0) await makeWorktreesDir(root);
  for (const name of names) {
    const from = join(legacy, name);
    const moved = await git(root, ['worktree', 'move', from, join(worktreesDir(root), name)]);
    if (!moved.ok)
      notice?.(
        `the worktree ${from} stays inside the project, where test runners see it (${moved.stderr.trim()}): ` +
          'its task goes on there; once merged or removed (`git worktree remove`), new ones live outside',
      );
  }
  if (existsSync(legacy) && readdirSync(legacy).length === 0) await rmdir(legacy);
}

// A task's diff starts where the task started, over real git repositories: commits that landed on the main tree
// after that are not shown as the task's change — a task in the shared tree is compared with the commit recorded
// when it was claimed (task.claimed `base`, new; old logs without it keep the link's commit), a task in a worktree
// with where it left the integration branch, even after that branch was merged into it to resolve a conflict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskDiff } from '../../../src/app/diff/schema.js';
import type { RecordEventOf } from '../../../src/record/events.js';
import { parseEvent } from '../../../src/record/validate.js';
import { openWorkspace } from '../../../src/workspace/open.js';
import { cli, cliJson } from '../../helpers/cli.js';
import { git, gitProject, taskWorktree } from '../../runtime/worktree-support.js';

const byPath = (d: TaskDiff) => Object.fromEntries(d.files.map((f) => [f.path, [f.status, f.additions, f.deletions, f.base]]));

async function claims(root: string): Promise<RecordEventOf<'task.claimed'>['data'][]> {
  const ws = await openWorkspace({ dir: root });
  try {
    const found: RecordEventOf<'task.claimed'>['data'][] = [];
    for await (const e of ws.store.read()) if (e.type === 'task.claimed') found.push(e.data);
    return found;
  } finally {
    await ws.close();
  }
}

test('the shared tree: a task is compared with the commit recorded at its claim, not with an older link', async () => {
  const p = await gitProject({ 'src/a.js': 'one\n' });
  try {
    const start = git(p.root, 'rev-parse', 'HEAD');
    await cliJson(p.root, 'task', 'add', 'Add a line to a', '--role', 'implementer');
    // Linked before anyone claimed it (the planner, a person, an earlier attempt): the link records `start`.
    await cliJson(p.root, 'link', 'T-1', 'src/a.js');
    // Someone else's change lands on the main tree, then the task is claimed.
    await writeFile(join(p.root, 'src/a.js'), 'uno\n');
    git(p.root, 'commit', '-qam', 'one is uno');
    const landed = git(p.root, 'rev-parse', 'HEAD');
    const claimed = await cli(p.root, 'task', 'claim', 'T-1');
    assert.equal(claimed.code, 0, claimed.stderr);
    assert.deepEqual(
      (await claims(p.root)).map((c) => [c.id, c.base]),
      [['T-1', landed]],
      'the claim records where the work starts',
    );
    // The task's own work, in the working tree (agents cannot commit in the shared tree).
    await writeFile(join(p.root, 'src/a.js'), 'uno\ndos\n');

    const diff = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(diff.source, 'links');
    assert.deepEqual(byPath(diff), { 'src/a.js': ['modified', 1, 0, landed] });
    assert.match(diff.patch, /\+dos/);
    assert.doesNotMatch(diff.patch, /-one|\+uno/, 'the change that landed before the claim is not the task’s');
    assert.match(diff.compared, new RegExp(`against ${landed.slice(0, 12)}, where it was claimed`));
    assert.notEqual(start, landed);
  } finally {
    await p.cleanup();
  }
});

test('task.claimed base: old logs without it still load; anything but a commit id is refused at the boundary', () => {
  const old = {
    seq: 3,
    ts: '2026-01-01T00:00:00.000Z',
    type: 'task.claimed',
    actor: 'implementer',
    data: { id: 'T-1', assignee: 'implementer' },
  };
  assert.deepEqual(parseEvent(old, 'an old log').data, { id: 'T-1', assignee: 'implementer' });
  const withBase = { ...old, data: { ...old.data, base: 'a'.repeat(40) } };
  assert.equal((parseEvent(withBase, 'a log') as RecordEventOf<'task.claimed'>).data.base, 'a'.repeat(40));
  for (const base of ['HEAD~1', '--output=/tmp/x', 'abc', 'A'.repeat(40)])
    assert.throws(() => parseEvent({ ...old, data: { ...old.data, base } }, 'a log'), /commit id/, base);
});

test('a worktree: commits that landed on main and were merged into the task (a conflict resolved there) are not its change', async () => {
  const p = await gitProject({ 'src/a.js': 'a\n', 'src/b.js': 'b\n' });
  try {
    const tree = await taskWorktree(p.root, 'Change a');
    const start = git(p.root, 'rev-parse', 'main');
    await writeFile(join(tree, 'src/a.js'), 'a\nmore a\n');
    git(tree, 'commit', '-qam', 'a grows');
    // Another task's change lands on main, and main is merged into the task's worktree, as the merge gate does.
    await writeFile(join(p.root, 'src/b.js'), 'b\nmore b\n');
    git(p.root, 'commit', '-qam', 'b grows on main');
    const landed = git(p.root, 'rev-parse', 'main');
    git(tree, 'merge', '--no-edit', '-q', 'main');

    const merged = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(merged.source, 'worktree');
    assert.deepEqual(byPath(merged), { 'src/a.js': ['modified', 1, 0, landed] });
    assert.doesNotMatch(merged.patch, /more b/);

    // Again, with the merge stopped half-way (its changes staged in the worktree, not committed yet).
    await writeFile(join(p.root, 'src/b.js'), 'b\nmore b\neven more b\n');
    git(p.root, 'commit', '-qam', 'b grows again');
    const again = git(p.root, 'rev-parse', 'main');
    git(tree, 'merge', '--no-commit', '--no-ff', '-q', 'main');
    const midway = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.deepEqual(byPath(midway), { 'src/a.js': ['modified', 1, 0, again] });
    git(tree, 'commit', '-qm', 'merge main');

    // The worktree gone, its branch kept: the branch against the same fork point.
    git(p.root, 'worktree', 'remove', '--force', tree);
    const branch = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(branch.source, 'branch');
    assert.deepEqual(byPath(branch), { 'src/a.js': ['modified', 1, 0, again] });
    assert.notEqual(start, again);
  } finally {
    await p.cleanup();
  }
});

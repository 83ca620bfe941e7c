// `crucible task diff` over real git repositories: a task's worktree (committed, uncommitted and new
// files; the linked node_modules left out), then its merge commit once merged; and a task without a
// worktree, whose linked files are compared with the commit recorded with each link. Errors are one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskDiff } from '../../../src/app/diff/schema.js';
import { localCaller } from '../../../src/app/operations/index.js';
import { workspaceServices } from '../../../src/app/services.js';
import { commandHandler } from '../../../src/tui/session/commands.js';
import { initialState } from '../../../src/tui/state/initial.js';
import { withUi } from '../../../src/tui/state/navigate.js';
import { frameText } from '../../tui/fixtures.js';
import { buildFrame } from '../../../src/tui/state/view/frame.js';
import { TuiStore } from '../../../src/tui/store.js';
import { waitFor } from '../../tui/ink-harness.js';
import { openWorkspace } from '../../../src/workspace/open.js';
import { tempDir } from '../../../support/helpers/temp.js';
import { cli, cliJson } from '../../helpers/cli.js';
import { git, gitProject, taskWorktree } from '../../runtime/worktree-support.js';

// What a hostile file would do to a terminal that printed it raw: set the window title, clear the screen.
const EVIL = 'export const c = 3;\n// \x1b]0;pwned\x07\x1b[2J\n';

const byPath = (d: TaskDiff) => Object.fromEntries(d.files.map((f) => [f.path, [f.status, f.additions, f.deletions]]));

async function expectError(dir: string, code: number, pattern: RegExp, ...argv: string[]) {
  const result = await cli(dir, ...argv);
  assert.equal(result.code, code, `${argv.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
}

test("task diff: a task's worktree against where it started, then its merge commit once merged", async () => {
  const p = await gitProject({ '.gitignore': 'node_modules/\n', 'node_modules/dep.txt': 'dep\n', 'src/a.js': 'a\n', 'src/b.js': 'b\n' });
  try {
    const tree = await taskWorktree(p.root, 'Change a and b');
    const start = git(p.root, 'rev-parse', 'main');
    await writeFile(join(tree, 'src/a.js'), 'a\nmore a\n');
    git(tree, 'commit', '-qam', 'a grows');
    await writeFile(join(tree, 'src/b.js'), 'B\n');
    await writeFile(join(tree, 'src/c.js'), EVIL);

    const diff = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(diff.source, 'worktree');
    assert.deepEqual(byPath(diff), {
      'src/a.js': ['modified', 1, 0],
      'src/b.js': ['modified', 1, 1],
      'src/c.js': ['added', 2, 0],
    });
    assert.ok(diff.files.every((f) => f.base === start));
    assert.match(diff.patch, /\+more a/);
    assert.match(diff.patch, /-b\n\+B/);
    assert.ok(diff.patch.includes('\x1b]0;pwned'), '--json keeps the content as it is');

    const text = await cli(p.root, 'task', 'diff', 'T-1');
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/, 'no raw control character reaches the terminal');
    assert.ok(text.stdout.includes('\\u001b]0;pwned\\u0007'), text.stdout);
    assert.match(text.stdout, /src\/c\.js \| \+2 -0 {2}added/);
    assert.equal((await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1', '--stat')).patch, '');

    // Merged as the merge gate does (--no-ff into main), its worktree and branch gone: the merge commit is the diff.
    git(tree, 'add', 'src');
    git(tree, 'commit', '-qm', 'b and c');
    git(p.root, 'merge', '--no-ff', '-qm', 'Merge crucible/T-1', 'crucible/T-1');
    const merge = git(p.root, 'rev-parse', 'HEAD');
    git(p.root, 'worktree', 'remove', '--force', tree);
    git(p.root, 'branch', '-D', 'crucible/T-1');
    const reopened = await openWorkspace({ dir: p.root });
    try {
      await reopened.store.appendAll([
        { type: 'merge.succeeded', actor: 'coordinator', data: { taskId: 'T-1', branch: 'crucible/T-1', into: 'main', commit: merge } },
        { type: 'worktree.removed', actor: 'coordinator', data: { taskId: 'T-1' } },
      ]);
    } finally {
      await reopened.close();
    }
    const merged = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(merged.source, 'merge');
    assert.deepEqual(byPath(merged), byPath(diff));
  } finally {
    await p.cleanup();
  }
});

test('task diff: linked files against the commit recorded with each link; unknown task, no changes, not a git repository', async () => {
  const p = await gitProject({ 'src/a.js': 'one\ntwo\n', '.gitignore': '.env\n' });
  try {
    const start = git(p.root, 'rev-parse', 'HEAD');
    await cliJson(p.root, 'task', 'add', 'Change a', '--role', 'implementer');
    await cliJson(p.root, 'task', 'add', 'Nothing yet', '--role', 'implementer');
    await writeFile(join(p.root, 'src/a.js'), 'one\n2\n');
    await writeFile(join(p.root, 'src/new.js'), 'fresh\n');
    assert.equal((await cliJson<{ id: string }>(p.root, 'link', 'T-1', 'src/a.js:1-2')).id, 'L-1');
    await cliJson(p.root, 'link', 'T-1', 'src/new.js');
    // A file named like a glob is that file alone: git is not handed a pattern that matches the files beside it.
    await writeFile(join(p.root, 'src/*.js'), 'star\n');
    await writeFile(join(p.root, 'src/other.js'), 'not linked\n');
    await cliJson(p.root, 'link', 'T-1', 'src/*.js');
    // A file git ignores may hold secrets no redaction knows: the diff names it and never shows it.
    await writeFile(join(p.root, '.env'), 'DB_PASSWORD=hunter2-not-a-known-key-format\n');
    await cliJson(p.root, 'link', 'T-1', '.env');
    // The same link again is the one the record holds.
    assert.deepEqual(await cliJson(p.root, 'link', 'T-1', 'src/a.js:1-2'), {
      id: 'L-1',
      existing: true,
      entity: 'T-1',
      location: 'src/a.js:1-2',
      rel: 'implements',
    });
    // Committed after it was linked: still compared with the commit recorded with the link.
    git(p.root, 'add', 'src/a.js');
    git(p.root, 'commit', '-qm', 'two is 2');

    const diff = await cliJson<TaskDiff>(p.root, 'task', 'diff', 'T-1');
    assert.equal(diff.source, 'links');
    assert.deepEqual(byPath(diff), {
      '.env': ['unknown', 0, 0],
      'src/*.js': ['added', 1, 0],
      'src/a.js': ['modified', 1, 1],
      'src/new.js': ['added', 1, 0],
    });
    assert.doesNotMatch(diff.patch, /hunter2/);
    assert.ok(diff.files.every((f) => f.base === start));
    assert.match(diff.patch, /-two\n\+2/);
    assert.match(diff.patch, /\+fresh/);
    assert.deepEqual([diff.additions, diff.deletions], [3, 1]);

    await expectError(p.root, 4, /task T-9 does not exist/, 'task', 'diff', 'T-9');
    await expectError(p.root, 4, /T-2 has no recorded changes/, 'task', 'diff', 'T-2');
    await expectError(p.root, 2, /task id/, 'task', 'diff', 'x;rm');
  } finally {
    await p.cleanup();
  }
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await writeFile(join(dir, 'a.js'), 'a\n');
    await cliJson(dir, 'task', 'add', 'Change a', '--role', 'implementer');
    await cliJson(dir, 'link', 'T-1', 'a.js');
    assert.throws(
      () => execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, stdio: 'ignore' }),
      'the temp dir is outside git',
    );
    await expectError(dir, 2, /T-1's linked files cannot be compared: .* is not a git repository/, 'task', 'diff', 'T-1');
  } finally {
    await cleanup();
  }
});

test("the TUI's diff view gets the diff through the session's operations, from a real repository", async () => {
  const p = await gitProject({ 'src/a.js': 'one\n' });
  try {
    await cliJson(p.root, 'task', 'add', 'Change a', '--role', 'implementer');
    await writeFile(join(p.root, 'src/a.js'), 'uno\n');
    await cliJson(p.root, 'link', 'T-1', 'src/a.js');
    const ws = await openWorkspace({ dir: p.root });
    try {
      const opened = initialState({ cols: 100, rows: 30, project: { name: 'p', root: p.root, goal: '' }, browse: true });
      const store = new TuiStore(withUi(opened, { modal: { kind: 'diff', task: 'T-1', scroll: 0 } }));
      const handle = commandHandler({
        record: localCaller({ ws, services: workspaceServices(ws), actor: 'human' }),
        store,
        quit: () => undefined,
      });
      handle({ type: 'diff', id: 'T-1' });
      await waitFor(() => {
        const modal = store.getState().ui.modal;
        return modal?.kind === 'diff' && modal.diff !== undefined;
      }, 'the diff');
      const text = frameText(buildFrame(store.getState()));
      assert.match(text, /-one/);
      assert.match(text, /\+uno/);
    } finally {
      await ws.close();
    }
  } finally {
    await p.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { worktreesDir } from '../../src/runtime/worktrees/location.js';
import { TaskTrees } from '../../src/runtime/worktrees/task-trees.js';
import { tempStore } from '../../support/helpers/temp.js';
import { gitProject } from './worktree-support.js';

// A recycled worktree (a spare) holds nothing of the task before it: a linked path (node_modules)
// that a task's command replaced with a folder of its own is not handed to the next task.

test('a spare worktree gives the next task the root node_modules link, not the folder a task planted there', async () => {
  const p = await gitProject({ '.gitignore': 'node_modules/\n', 'node_modules/dep.txt': 'dep\n', 'README.md': '# p\n' });
  const { store, cleanup } = await tempStore();
  try {
    const trees = new TaskTrees(p.root, 'main', ['node_modules'], store);
    const first = await trees.open('T-1');
    const linked = join(first.root, 'node_modules');
    assert.ok(lstatSync(linked).isSymbolicLink(), 'the first task gets the link');
    await rm(linked);
    await mkdir(linked);
    await writeFile(join(linked, 'planted.txt'), 'from T-1\n');
    await trees.remove('T-1');
    assert.ok(
      readdirSync(worktreesDir(p.root)).some((name) => name.startsWith('_spare-')),
      'parked as a spare',
    );
    const second = await trees.open('T-2');
    assert.ok(lstatSync(join(second.root, 'node_modules')).isSymbolicLink(), 'the next task gets the link again');
    assert.equal(existsSync(join(second.root, 'node_modules', 'planted.txt')), false);
    assert.equal(existsSync(join(second.root, 'node_modules', 'dep.txt')), true);
  } finally {
    await store.close();
    await cleanup();
    await p.cleanup();
  }
});

// Two `git worktree add`s at once can read each other's half-written admin entry and fail ("failed to read
// .git/worktrees/_merge/commondir": seen in CI when the merge worktree and the first task's were made together). The
// registrations take turns; the checkouts still run side by side. A race: this can only fail some of the time without it.
test('the merge worktree and eight task worktrees made at once all come up checked out', async () => {
  const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${i}.txt`, `file ${i}\n`]));
  const p = await gitProject({ ...files, 'README.md': '# p\n' });
  const { store, cleanup } = await tempStore();
  try {
    const trees = new TaskTrees(p.root, 'main', [], store);
    const ids = Array.from({ length: 8 }, (_, i) => `T-${i + 1}`);
    const [merge, ...opened] = await Promise.all([trees.mergeTree(), ...ids.map((id) => trees.open(id))]);
    for (const dir of [merge, ...opened.map((t) => t.root)]) {
      assert.equal(readFileSync(join(dir, 'src', 'f39.txt'), 'utf8'), 'file 39\n', `${dir} is checked out`);
    }
  } finally {
    await store.close();
    await cleanup();
    await p.cleanup();
  }
});

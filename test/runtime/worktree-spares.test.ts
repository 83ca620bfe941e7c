import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkedOutBranches,
  conflictedFiles,
  decideWorktrees,
  dirtyPaths,
  filesWithMarkers,
  taskBranch,
} from '../../src/runtime/worktrees/decide.js';

test('worktrees when git can host them: auto needs a repository on a branch; off is off; a set branch wins', () => {
  assert.deepEqual(decideWorktrees({ enabled: 'auto' }, { isRepo: true, checkedOut: 'main' }), { mode: 'worktrees', branch: 'main' });
  assert.deepEqual(decideWorktrees({ enabled: 'auto', branch: 'dev' }, { isRepo: true, checkedOut: 'main' }), {
    mode: 'worktrees',
    branch: 'dev',
  });
  assert.deepEqual(decideWorktrees({ enabled: 'auto', branch: 'dev' }, { isRepo: true }), { mode: 'worktrees', branch: 'dev' });
  assert.equal(decideWorktrees({ enabled: false }, { isRepo: true, checkedOut: 'main' }).mode, 'shared');
  const notGit = decideWorktrees({ enabled: 'auto' }, { isRepo: false });
  assert.ok(notGit.mode === 'shared' && /not a git repository/.test(notGit.why) && /git init/.test(notGit.fix ?? ''));
  const detached = decideWorktrees({ enabled: true }, { isRepo: true });
  assert.ok(detached.mode === 'shared' && /detached/.test(detached.why) && /worktrees/.test(detached.fix ?? ''));
});

test("git's output read: conflicted files, leftover markers, the user's uncommitted changes, branches checked out", () => {
  assert.deepEqual(conflictedFiles('src/a.js\nsrc/b.js\n\nsrc/a.js\n'), ['src/a.js', 'src/b.js']);
  assert.deepEqual(
    filesWithMarkers(
      'src/a.js:3: leftover conflict marker\n+<<<<<<< HEAD\nsrc/a.js:5: leftover conflict marker\nx.js:1: trailing whitespace.\n',
    ),
    ['src/a.js'],
  );
  assert.deepEqual(dirtyPaths(' M README.md\n?? .crucible/db\nM  src/x.js\n'), ['README.md', 'src/x.js']);
  const list = 'worktree /p\nHEAD abc\nbranch refs/heads/main\n\nworktree /p/.crucible/worktrees/_merge\nHEAD def\ndetached\n\n';
  assert.deepEqual([...checkedOutBranches(list)], [['main', '/p']]);
  assert.equal(taskBranch('T-7'), 'crucible/T-7');
});

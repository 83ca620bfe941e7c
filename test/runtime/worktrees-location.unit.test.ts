import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  legacyWorktreesDir,
  makeWorktreesDir,
  projectWorktreesDir,
  worktreePath,
  worktreesHome,
} from '../../src/runtime/worktrees/location.js';
import { tempDir } from '../../support/helpers/temp.js';

test('worktrees live outside the project, one folder per project, in the state folder (or where the environment says)', () => {
  assert.equal(worktreesHome({ CRUCIBLE_WORKTREES_DIR: '/w' }), '/w');
  // The XDG variables ignore a relative path (their spec says so); ours is a setting the person made: said, not ignored.
  assert.throws(() => worktreesHome({ CRUCIBLE_WORKTREES_DIR: '~/wt' }), /CRUCIBLE_WORKTREES_DIR is not an absolute path: "~\/wt"/);
  assert.equal(worktreesHome({ XDG_STATE_HOME: '/s' }), '/s/crucible/worktrees');
  assert.match(
    worktreesHome({ XDG_STATE_HOME: 'relative' }),
    /\.local\/state\/crucible\/worktrees$/,
    'a relative XDG_STATE_HOME is ignored',
  );
  const dir = projectWorktreesDir('/nonexistent/my project', { CRUCIBLE_WORKTREES_DIR: '/w' });
  assert.match(dir, /^\/w\/my_project-[0-9a-f]{12}$/);
  assert.notEqual(dir, projectWorktreesDir('/other/my project', { CRUCIBLE_WORKTREES_DIR: '/w' }), 'two projects of one name');
  assert.ok(!worktreePath('/nonexistent/p', 'T-7').startsWith('/nonexistent/p/'), 'never inside the project');
  assert.match(worktreePath('/nonexistent/p', 'T-7'), /\/p-[0-9a-f]{12}\/T-7$/);
});

test('one folder through a symlink, made owner-only; a kept worktree that could not be moved out is used where it is', async () => {
  const t = await tempDir('crucible-wt-home-');
  const saved = process.env.CRUCIBLE_WORKTREES_DIR;
  process.env.CRUCIBLE_WORKTREES_DIR = join(t.dir, 'home');
  try {
    const project = join(t.dir, 'project');
    await mkdir(project);
    await symlink(project, join(t.dir, 'link'));
    assert.equal(projectWorktreesDir(join(t.dir, 'link')), projectWorktreesDir(project));
    const dir = await makeWorktreesDir(project);
    assert.equal(statSync(dir).mode & 0o777, 0o700, 'it holds copies of the project: owner-only');
    // An earlier version's worktree, left inside the project (`git worktree move` cannot cross filesystems).
    const kept = join(legacyWorktreesDir(project), 'T-3');
    await mkdir(kept, { recursive: true });
    // Only a worktree of this repository is followed: a `.git` naming another place (planted to redirect where a task
    // works) is not.
    await writeFile(join(kept, '.git'), 'gitdir: /somewhere/else\n');
    assert.equal(worktreePath(project, 'T-3'), join(dir, 'T-3'));
    await writeFile(join(kept, '.git'), `gitdir: ${join(project, '.git', 'worktrees', 'T-3')}\n`);
    assert.equal(worktreePath(project, 'T-3'), kept);
    assert.equal(worktreePath(project, 'T-4'), join(dir, 'T-4'));
  } finally {
    if (saved === undefined) delete process.env.CRUCIBLE_WORKTREES_DIR;
    else process.env.CRUCIBLE_WORKTREES_DIR = saved;
    await t.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  makeWorktreesDir,
  projectWorktreesDir,
  removeOrphanedWorktrees,
  worktreePath,
  worktreesHome,
} from '../../src/runtime/worktrees/location.js';
import { tempDir } from '../../support/helpers/temp.js';

test('worktrees live outside the project, one folder per project, under the cache (or where the environment says)', () => {
  assert.equal(worktreesHome({ CRUCIBLE_WORKTREES_DIR: '/w' }), '/w');
  assert.equal(worktreesHome({ XDG_CACHE_HOME: '/c' }), '/c/crucible/worktrees');
  assert.match(worktreesHome({ XDG_CACHE_HOME: 'relative' }), /\.cache\/crucible\/worktrees$/, 'a relative XDG_CACHE_HOME is ignored');
  const dir = projectWorktreesDir('/nonexistent/my project', { CRUCIBLE_WORKTREES_DIR: '/w' });
  assert.match(dir, /^\/w\/my_project-[0-9a-f]{12}$/);
  assert.notEqual(dir, projectWorktreesDir('/other/my project', { CRUCIBLE_WORKTREES_DIR: '/w' }), 'two projects of one name');
  assert.ok(!worktreePath('/nonexistent/p', 'T-7').startsWith('/nonexistent/p/'), 'never inside the project');
  assert.match(worktreePath('/nonexistent/p', 'T-7'), /\/p-[0-9a-f]{12}\/T-7$/);
});

test('a project reached through a symlink has the same folder; folders of deleted projects are removed', async () => {
  const t = await tempDir('crucible-wt-home-');
  const saved = process.env.CRUCIBLE_WORKTREES_DIR;
  process.env.CRUCIBLE_WORKTREES_DIR = join(t.dir, 'home');
  try {
    const project = join(t.dir, 'project');
    const gone = join(t.dir, 'gone');
    await mkdir(project);
    await mkdir(gone);
    await symlink(project, join(t.dir, 'link'));
    assert.equal(projectWorktreesDir(join(t.dir, 'link')), projectWorktreesDir(project));
    const kept = await makeWorktreesDir(project);
    const orphan = await makeWorktreesDir(gone);
    // A project on a drive that is not mounted (its parent is missing too) keeps its worktrees.
    const unmounted = join(t.dir, 'home', 'offline-0123456789ab');
    await mkdir(unmounted, { recursive: true });
    await writeFile(join(unmounted, '.project'), '/media/usb/offline\n');
    await rm(gone, { recursive: true });
    assert.deepEqual(await removeOrphanedWorktrees(), [orphan]);
    assert.ok(existsSync(kept) && existsSync(unmounted) && !existsSync(orphan));
  } finally {
    if (saved === undefined) delete process.env.CRUCIBLE_WORKTREES_DIR;
    else process.env.CRUCIBLE_WORKTREES_DIR = saved;
    await t.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/open.js';
import { cli } from '../helpers/cli.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

const bin = join(repoRoot, 'src/cli/crucible.ts');

test('the real binary: a second process on a held workspace gets one line naming the holder pid, exit 1', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    const holder = await openWorkspace({ dir, command: 'crucible-tui' });
    try {
      const result = await collect(spawnTs(bin, ['task', 'list'], { cwd: dir }));
      assert.equal(result.code, 1);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`held by process ${process.pid} \\(crucible-tui, since `));
    } finally {
      await holder.close();
    }
    const after = await collect(spawnTs(bin, ['task', 'list', '--json'], { cwd: dir }));
    assert.equal(after.code, 0, after.stderr);
    assert.deepEqual(JSON.parse(after.stdout), []);
  } finally {
    await cleanup();
  }
});

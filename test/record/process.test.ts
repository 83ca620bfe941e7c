import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LevelEventStore } from '../../src/record/store.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { crashMidAppend } from '../../support/helpers/crash.js';
import { tempDir } from '../../support/helpers/temp.js';

test('SIGKILL mid-append loses nothing that was acknowledged and leaves no gap', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const result = await crashMidAppend(dir, 500);
    assert.ok(result.acked >= 500);
    assert.equal(result.lost, 0);
    assert.ok(result.recovered >= result.acked);
    assert.equal(result.gapFree, true);
  } finally {
    await cleanup();
  }
});

test('a second process opening a held workspace gets one clear line naming the holder', async () => {
  const { dir, cleanup } = await tempDir();
  const dbDir = join(dir, 'db');
  const holderFile = join(dir, 'holder.json');
  const store = await LevelEventStore.open({ dir: dbDir, holderFile, command: 'crucible-tui' });
  try {
    const result = await collect(spawnTs(join(repoRoot, 'support/helpers/append-child.ts'), [dbDir, holderFile, 'open-only']));
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, new RegExp(`held by process ${process.pid} \\(crucible-tui`));
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
  } finally {
    await store.close();
  }
  const again = await collect(spawnTs(join(repoRoot, 'support/helpers/append-child.ts'), [dbDir, holderFile, 'open-only']));
  assert.equal(again.stdout.trim(), 'opened');
  await cleanup();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

interface Drift {
  stale: { path: string; reason: string; tasks: { id: string }[]; requirements: { id: string }[] }[];
  reverified: string[];
}

test('after the demo, a hand edit of a linked source file shows in crucible drift with its task and requirements', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = join(dir, 'strkit');
    await cliJson(dir, 'demo', '--dir', root);
    assert.deepEqual((await cliJson<Drift>(root, 'drift')).stale, [], 'no drift right after the demo');
    const file = join(root, 'src/strings.js');
    await writeFile(file, (await readFile(file, 'utf8')).replace("return kept.join('-');", "return kept.join('_');"));
    const found = await cli(root, 'drift', '--json');
    assert.equal(found.code, 1, 'drift found exits 1, so CI can gate on it');
    const drift = JSON.parse(found.stdout) as Drift;
    const entry = drift.stale.find((s) => s.path === 'src/strings.js');
    assert.ok(entry, JSON.stringify(drift));
    assert.equal(entry.reason, 'changed');
    assert.deepEqual(
      entry.tasks.map((t) => t.id),
      ['T-3'],
    );
    assert.deepEqual(
      entry.requirements.map((r) => r.id),
      ['R-1', 'R-2', 'R-3'],
    );

    const reverified = JSON.parse((await cli(root, 'drift', '--reverify', '--json')).stdout) as Drift;
    assert.match(
      reverified.reverified.join(' '),
      /T-3 \(reopened: its gate now fails\)/,
      'slugify now breaks its test, so T-3 is reopened',
    );
  } finally {
    await cleanup();
  }
});

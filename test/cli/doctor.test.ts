import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';

test('doctor checks node, the native addons and the workspace, and names the fix for what fails', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const missing = await cli(dir, 'doctor', '--skip-model', '--json');
    assert.equal(missing.code, 1);
    const report = JSON.parse(missing.stdout) as { ok: boolean; checks: { name: string; ok: boolean; fix?: string }[] };
    assert.deepEqual(
      report.checks.map((c) => `${c.name}:${c.ok}`),
      ['node:true', 'leveldb:true', 'vector index:true', 'workspace:false', 'sandbox:true'],
    );
    assert.match(report.checks[3]?.fix ?? '', /crucible init/);
    await cli(dir, 'init');
    const healthy = await cli(dir, 'doctor', '--skip-model');
    assert.equal(healthy.code, 0, healthy.stdout);
    assert.match(healthy.stdout, /ok {3}workspace/);
  } finally {
    await cleanup();
  }
});

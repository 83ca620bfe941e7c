import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { bin, spawnTsPiped, watch } from './holder.js';
import { completeOnceScript } from '../helpers/scripts.js';

const SCRIPT = completeOnceScript('waits for release', 'the gate waits for the release file');

test('crucible run serves the workspace while it runs: status and task list from another terminal', async () => {
  const { dir, cleanup } = await tempDir('crucible-run-');
  try {
    assert.equal((await cli(dir, 'init')).code, 0);
    // The gate waits (at most 20 s) for a file the test writes, so the run holds the record meanwhile.
    await writeFile(join(dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node wait.mjs'] } }));
    await writeFile(
      join(dir, 'wait.mjs'),
      "import { existsSync } from 'node:fs';\nconst until = Date.now() + 20000;\n" +
        "while (!existsSync('release') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));\n" +
        "process.exit(existsSync('release') ? 0 : 1);\n",
    );
    await writeFile(join(dir, 'script.yaml'), SCRIPT);
    assert.equal((await cli(dir, 'task', 'add', 'Wait for the release', '--role', 'implementer', '--accept', 'waits for release')).code, 0);

    const run = spawnTsPiped(bin, ['run', '--model', 'scripted', '--script', 'script.yaml'], { cwd: dir });
    const w = watch(run);
    let status: { tasks: Record<string, number> } | undefined;
    for (let i = 0; i < 100 && status?.tasks.in_progress !== 1; i++) {
      await sleep(200);
      if (!existsSync(join(dir, '.crucible', 'crucible.sock'))) continue;
      const result = await cli(dir, 'status', '--json');
      if (result.code === 0) status = JSON.parse(result.stdout) as typeof status;
    }
    assert.equal(status?.tasks.in_progress, 1, `status was served during the run; run stderr: ${w.err()}`);
    const list = await cli(dir, 'task', 'list', '--status', 'in_progress');
    assert.match(list.stdout, /T-1\s+in_progress\s+implementer\s+Wait for the release\s+@implementer/);

    await writeFile(join(dir, 'release'), '');
    assert.equal(await w.exited, 0, w.err());
    assert.equal(existsSync(join(dir, '.crucible', 'crucible.sock')), false, 'the socket goes with the run');
    const after = await cli(dir, 'task', 'list', '--json');
    assert.equal((JSON.parse(after.stdout) as { status: string }[])[0]?.status, 'done');
  } finally {
    await cleanup();
  }
});

// `crucible audit` in a workspace, as a real process: the second run over an unchanged
// tree reads facts and proposal drafts from .crucible/cache, reports the same, and never
// loads the TypeScript compiler; a run after an edit parses again and finds the edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { collect, crucibleBin, repoRoot, tsArgv } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';
import { spawn } from 'node:child_process';

const probe = join(repoRoot, 'support/helpers/compiler-probe.mjs');

async function crucible(cwd: string, ...args: string[]) {
  const child = spawn(process.execPath, [...tsArgv(crucibleBin, [probe]), ...args], {
    cwd,
    env: { ...process.env, CRUCIBLE_ACTOR: 'tester', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = await collect(child);
  assert.equal(result.code, 0, result.stderr);
  return { stdout: result.stdout, compilerLoaded: /typescript loaded/.test(result.stderr) };
}

test('a warm `crucible audit` reuses the cache and loads no compiler; an edit is audited again', async () => {
  const { dir, cleanup } = await tempDir('crucible-audit-cache-');
  try {
    await cp(join(repoRoot, 'node_modules/zod/src/v3/helpers'), join(dir, 'src'), { recursive: true });
    await crucible(dir, 'init');
    const cold = await crucible(dir, 'audit', '--json');
    assert.equal(cold.compilerLoaded, true, 'the probe sees the compiler when it is loaded');
    const warm = await crucible(dir, 'audit', '--json');
    assert.equal(warm.compilerLoaded, false);
    const findings = (run: { stdout: string }) => (JSON.parse(run.stdout) as { findings: unknown[] }).findings;
    assert.deepEqual(findings(warm), findings(cold));

    await appendFile(join(dir, 'src/util.ts'), '\n// FIXME: cached audits must see this\n');
    const edited = await crucible(dir, 'audit', '--json');
    assert.ok(findings(edited).some((f) => JSON.stringify(f).includes('FIXME: cached audits must see this')));
  } finally {
    await cleanup();
  }
});

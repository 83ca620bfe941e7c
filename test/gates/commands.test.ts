import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gateCommandsOf } from '../../src/gates/gate-commands.js';
import type { Task } from '../../src/record/tables.js';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { repoRoot } from '../../support/helpers/child.js';
import { ROLES, code, done, explain, gateWorld } from './helpers.js';

test("a planner's create_task with gate: [] is refused gate-weakened; a gate command off the allow-list is refused", async () => {
  const w = await gateWorld({});
  try {
    const empty = await w.call(ROLES.planner, undefined, 'create_task', {
      title: 'Ship it',
      role: 'implementer',
      acceptance: ['shipped'],
      gate: [],
    });
    assert.equal(code(empty), 'gate-weakened');
    assert.match(explain(empty), /never remove/);
    assert.match(explain(empty), /--no-gate/);
    const shell = await w.call(ROLES.planner, undefined, 'create_task', {
      title: 'Ship it',
      role: 'implementer',
      acceptance: ['shipped'],
      gate: ['sh -c true'],
    });
    assert.equal(code(shell), 'gate-not-allowed');
    assert.equal([...w.store.view.rows('tasks')].length, 0);
  } finally {
    await w.cleanup();
  }
});

test("a task's gate cannot drop the configured command: it still runs, and its failure refuses", async () => {
  const w = await gateWorld({ 'check.mjs': "console.log('configured check failed'); process.exit(3);\n" }, ['node check.mjs']);
  try {
    assert.equal(
      code(
        await w.call(ROLES.planner, undefined, 'create_task', {
          title: 'Ship it',
          role: 'implementer',
          acceptance: ['shipped'],
          gate: ['node --version'],
        }),
      ),
      'ok',
    );
    await w.call(ROLES.implementer, 'T-1', 'claim_task', { task_id: 'T-1' });
    const result = await w.call(ROLES.implementer, 'T-1', 'complete_task', done('shipped'));
    assert.equal(code(result), 'gate-failed', explain(result));
    assert.match(explain(result), /`node check\.mjs` exited 3:\nconfigured check failed/);
    assert.deepEqual(gateCommandsOf(w.store.view.get('tasks', 'T-1'), w.config.gate.commands), ['node check.mjs', 'node --version']);
    assert.deepEqual(await w.gateCodes(), ['T-1:gate-failed']);
  } finally {
    await w.cleanup();
  }
});

test('only the human records a task as ungated: crucible task add --no-gate', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cliJson(dir, 'init');
    await cliJson(dir, 'task', 'add', 'Write the changelog', '--role', 'implementer', '--no-gate');
    const shown = await cli(dir, 'task', 'show', 'T-1');
    assert.match(shown.stdout, /gate\s+no configured commands \(the human's choice\)/);
    const { task } = await cliJson<{ task: Task }>(dir, 'task', 'show', 'T-1');
    assert.equal(task.ungated, true);
    assert.deepEqual(gateCommandsOf(task, ['npm test']), []);
  } finally {
    await cleanup();
  }
});

test('src/gates is pure: it imports only record/, shared/ and itself, and nothing of node', () => {
  const dir = join(repoRoot, 'src', 'gates');
  const bad: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const [, spec] of readFileSync(join(dir, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g))
      if (!/^\.\.\/(record|shared)\/|^\.\//.test(spec!)) bad.push(`${file} imports ${spec}`);
  }
  assert.deepEqual(bad, []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { executeTool } from '../../src/tools/registry.js';
import { runArgv } from '../../src/tools/command-runner.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { reverifyLinkedWork } from '../../src/runtime/reverify.js';
import { toolWorld } from '../helpers/tool-context.js';

test('editing code linked to a done task re-runs its gate: still green stays done, red reopens it', async () => {
  const w = await toolWorld();
  try {
    await mkdir(join(w.root, 'src'));
    await writeFile(join(w.root, 'src/add.js'), 'export const add = (a, b) => a + b;\n');
    await writeFile(join(w.root, 'check.mjs'), "import { add } from './src/add.js'; process.exit(add(2, 2) === 4 ? 0 : 1);\n");
    await w.store.appendAll([
      { type: 'task.created', actor: 'p', data: { title: 'Add', role: 'implementer', gate: ['node check.mjs'] } },
      { type: 'task.claimed', actor: 'i', data: { id: 'T-1', assignee: 'implementer-1' } },
      { type: 'task.started', actor: 'i', data: { id: 'T-1' } },
    ]);
    await executeTool('link_code', { path: 'src/add.js', entity: 'T-1' }, w.ctx('implementer'));
    await w.store.append({ type: 'task.completed', actor: 'i', data: { id: 'T-1' } });

    const runGate = (commands: readonly string[]) =>
      Promise.all(
        commands.map((c) =>
          runArgv(c.split(' '), { cwd: w.root, sandbox: defaultConfig().commands, timeoutMs: 10_000, maxOutputBytes: 2000 }),
        ),
      );
    const onFileWritten = (path: string) =>
      reverifyLinkedWork({ store: w.store, root: w.root, path, actor: 'implementer-1', gateCommandsOf: () => ['node check.mjs'], runGate });
    const ctx = w.ctx('implementer', { onFileWritten });

    const harmless = await executeTool('edit_file', { path: 'src/add.js', old_text: '(a, b) => a + b', new_text: '(a, b) => b + a' }, ctx);
    assert.match(harmless.ok ? harmless.content : '', /T-1 \(re-verified: its gate still passes\)/);
    assert.equal(w.store.view.get('tasks', 'T-1')?.status, 'done');

    const breaking = await executeTool('edit_file', { path: 'src/add.js', old_text: 'b + a', new_text: 'a - b' }, ctx);
    assert.match(breaking.ok ? breaking.content : '', /T-1 \(reopened: its gate now fails\)/);
    const task = w.store.view.get('tasks', 'T-1')!;
    assert.equal(task.status, 'ready');
    assert.match(task.history.at(-1)?.note ?? '', /src\/add.js changed and `node check.mjs` now exits 1/);
  } finally {
    await w.cleanup();
  }
});

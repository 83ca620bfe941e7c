import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { executeTool, formatToolResult, toolDefinitionsFor } from '../../src/tools/registry.js';
import { runArgv } from '../../src/tools/command-runner.js';
import { defaultConfig } from '../../src/workspace/config.js';
import { toolWorld } from '../helpers/tool-context.js';
import { tempDir } from '../../support/helpers/temp.js';

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

test('permissions: an implementer cannot record decisions, a tester cannot edit src/', async () => {
  const w = await toolWorld();
  try {
    const decide = await executeTool('record_decision', { title: 'x', rationale: 'y' }, w.ctx('implementer'));
    assert.equal(code(decide), 'tool-not-allowed');
    assert.match(formatToolResult(decide), /REFUSED \[tool-not-allowed\]: the implementer role may not use record_decision\nFix: /);
    const edit = await executeTool('write_file', { path: 'src/a.js', content: 'x' }, w.ctx('tester'));
    assert.equal(code(edit), 'write-not-allowed');
    assert.match(formatToolResult(edit), /send_message/);
    assert.equal(code(await executeTool('write_file', { path: 'test/a.test.js', content: 'x' }, w.ctx('tester'))), 'ok');
    assert.equal(code(await executeTool('write_file', { path: 'src/a.js', content: 'x' }, w.ctx('implementer'))), 'ok');
  } finally {
    await w.cleanup();
  }
});

test('the sandbox refuses .., absolute paths and symlinks that leave the project', async () => {
  const w = await toolWorld();
  const outside = await tempDir();
  try {
    await writeFile(join(outside.dir, 'secret'), 'top secret');
    await mkdir(join(w.root, 'src'));
    await symlink(outside.dir, join(w.root, 'src/out'));
    for (const path of ['../escape.js', '/etc/passwd', 'src/out/secret', 'src/../../x']) {
      const read = await executeTool('read_file', { path }, w.ctx('implementer'));
      assert.equal(code(read), 'path-outside', path);
    }
    assert.equal(code(await executeTool('write_file', { path: 'src/out/new.js', content: 'x' }, w.ctx('implementer'))), 'path-outside');
    assert.equal(code(await executeTool('read_file', { path: '.crucible/config.json' }, w.ctx('implementer'))), 'path-outside');
  } finally {
    await w.cleanup();
    await outside.cleanup();
  }
});

test('edit_file replaces exactly one match and refuses missing or ambiguous ones', async () => {
  const w = await toolWorld();
  try {
    const ctx = w.ctx('implementer');
    await executeTool('write_file', { path: 'src/a.js', content: 'let a = 1;\nlet b = 1;\n' }, ctx);
    assert.equal(code(await executeTool('edit_file', { path: 'src/a.js', old_text: '= 1', new_text: '= 2' }, ctx)), 'ambiguous-match');
    assert.equal(code(await executeTool('edit_file', { path: 'src/a.js', old_text: 'let c', new_text: '' }, ctx)), 'no-match');
    assert.equal(code(await executeTool('edit_file', { path: 'src/a.js', old_text: 'let b = 1', new_text: 'let b = 2' }, ctx)), 'ok');
    assert.equal(await readFile(join(w.root, 'src/a.js'), 'utf8'), 'let a = 1;\nlet b = 2;\n');
  } finally {
    await w.cleanup();
  }
});

test('tool errors come back as results: bad input, unknown tools, record refusals', async () => {
  const w = await toolWorld();
  try {
    const bad = await executeTool('create_task', { title: 'x' }, w.ctx('planner'));
    assert.equal(code(bad), 'bad-input');
    assert.match(formatToolResult(bad), /create_task: role: /);
    assert.equal(code(await executeTool('no_such_tool', {}, w.ctx('planner'))), 'unknown-tool');
    const dep = await executeTool(
      'create_task',
      { title: 'Y', role: 'implementer', deps: ['T-9'], acceptance: ['works'] },
      w.ctx('planner'),
    );
    assert.equal(code(dep), 'unknown-id');
    assert.equal(w.store.head(), 0);
  } finally {
    await w.cleanup();
  }
});

test('create_task refuses a role no agent has, with the role it most likely meant', async () => {
  const w = await toolWorld();
  try {
    const roles = ['implementer', 'tester', 'planner'];
    const wrong = await executeTool(
      'create_task',
      { title: 'Build it', role: 'implementor', acceptance: ['works'] },
      w.ctx('planner', { roles }),
    );
    assert.equal(code(wrong), 'unknown-role');
    assert.match(
      formatToolResult(wrong),
      /"implementor" is not a known role \(did you mean "implementer"\?\); known roles: implementer, planner, tester/,
    );
    assert.equal(w.store.head(), 0);
    assert.equal(
      code(
        await executeTool('create_task', { title: 'Build it', role: 'implementer', acceptance: ['works'] }, w.ctx('planner', { roles })),
      ),
      'ok',
    );
  } finally {
    await w.cleanup();
  }
});

test('create_task refuses a near-duplicate with a pointer to the existing task', async () => {
  const w = await toolWorld();
  try {
    assert.equal(
      code(
        await executeTool(
          'create_task',
          { title: 'Implement the slugify function', role: 'implementer', acceptance: ['works'] },
          w.ctx('planner'),
        ),
      ),
      'ok',
    );
    const dup = await executeTool(
      'create_task',
      { title: 'Write slugify function', role: 'implementer', acceptance: ['works'] },
      w.ctx('planner'),
    );
    assert.equal(code(dup), 'duplicate-task');
    assert.match(formatToolResult(dup), /T-1 "Implement the slugify function" \(ready\) already covers this/);
  } finally {
    await w.cleanup();
  }
});

test('complete_task runs the gate commands for real, refuses on failure, and completes on success', async () => {
  const w = await toolWorld();
  try {
    await writeFile(
      join(w.root, 'check.mjs'),
      "import { existsSync } from 'node:fs'; if (!existsSync('src/ok')) { console.log('missing src/ok'); process.exit(3); }\n",
    );
    await w.store.append({
      type: 'task.created',
      actor: 'p',
      data: { title: 'Make ok', role: 'implementer', acceptance: ['ok exists'], gate: ['node check.mjs'] },
    });
    const runGate = async (commands: readonly string[]) =>
      Promise.all(
        commands.map((c) =>
          runArgv(c.split(' '), { cwd: w.root, sandbox: defaultConfig().commands, timeoutMs: 10_000, maxOutputBytes: 4000 }),
        ),
      );
    // The project's configured gate (none here) always runs; the task adds its own command.
    const ctx = w.ctx('implementer', { taskId: 'T-1', runGate, config: { ...defaultConfig(), gate: { commands: [], timeoutMs: 10_000 } } });
    assert.equal(code(await executeTool('claim_task', { task_id: 'T-1' }, ctx)), 'ok');
    const none = await executeTool('complete_task', {}, ctx);
    assert.equal(code(none), 'criteria-unaddressed');
    const red = await executeTool('complete_task', { acceptance: [{ criterion: 'ok exists', how: 'wrote it' }] }, ctx);
    assert.equal(code(red), 'gate-failed');
    assert.match(formatToolResult(red), /`node check.mjs` exited 3:\nmissing src\/ok/);
    await executeTool('write_file', { path: 'src/ok', content: '' }, ctx);
    assert.equal(code(await executeTool('complete_task', { acceptance: [{ criterion: 'ok exists', how: 'wrote it' }] }, ctx)), 'ok');
    const task = w.store.view.get('tasks', 'T-1')!;
    assert.equal(task.status, 'done');
    assert.deepEqual(
      task.evidence.map((e) => e.kind),
      ['command', 'acceptance', 'gate-files'],
    );
    const gates: string[] = [];
    for await (const e of w.store.read()) if (e.type === 'gate.checked') gates.push(`${e.data.ok}:${e.data.code ?? ''}`);
    assert.deepEqual(gates, ['false:criteria-unaddressed', 'false:gate-failed', 'true:']);
  } finally {
    await w.cleanup();
  }
});

test('run_command enforces the allowlist and shell-free commands, and tool schemas reach the model as JSON Schema', async () => {
  const w = await toolWorld();
  try {
    const ctx = w.ctx('implementer');
    assert.equal(code(await executeTool('run_command', { command: 'rm -rf /' }, ctx)), 'command-not-allowed');
    assert.equal(code(await executeTool('run_command', { command: 'node -e 1 | cat' }, ctx)), 'command-not-allowed');
    const ran = await executeTool('run_command', { command: 'node -e "console.log(40+2)"' }, ctx);
    assert.match(formatToolResult(ran), /^exit 0\n42/);
    const defs = toolDefinitionsFor(['create_task']);
    assert.equal(defs[0]?.inputSchema.type, 'object');
    assert.ok((defs[0]?.inputSchema.required as string[]).includes('title'));
  } finally {
    await w.cleanup();
  }
});

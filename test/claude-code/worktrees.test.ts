import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, loggedEvents } from '../helpers/cli.js';
import { git, gitProject } from '../runtime/worktree-support.js';
import { assertTaskTree, claudeCodeEnv, runClaudeCode } from '../helpers/claude-code-run.js';
import { tempDir } from '../../support/helpers/temp.js';
import { claudeCodeScript, cwdOf, lastResults, type ScriptStep } from '../../support/helpers/claude-script.js';
import { reply, startLoopbackServer, type RecordedRequest } from '../../src/model/loopback-server.js';

// Claude Code agents in their own git worktrees: two in parallel see only their own work and are both
// merged; a merge conflict comes back to the agent as a refusal, which it resolves in its worktree.

const signal = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

const complete = reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'works', how: 'node ok.mjs' }] });

/** A run with a fresh HOME of its own. */
async function runWithHome(root: string, url: string) {
  const home = await tempDir('crucible-cc-home-');
  try {
    return await runClaudeCode(root, claudeCodeEnv(url, home.dir));
  } finally {
    await home.cleanup();
  }
}

test(
  'two Claude Code agents in parallel, each in its worktree: each sees only its own work, both merged',
  { timeout: 300_000 },
  async () => {
    const p = await gitProject(
      { 'ok.mjs': 'process.exit(0);\n', 'src/keep.js': '// kept\n' },
      { gate: { commands: ['node ok.mjs'] }, instances: { implementer: 2 }, concurrency: 2 },
    );
    const wrote = { 'T-1': signal(), 'T-2': signal() };
    const cwds = new Map<string, string>();
    const listings = new Map<string, string>();
    const own = (task: 'T-1' | 'T-2', file: string, other: 'T-1' | 'T-2'): ScriptStep[] => [
      (r) => {
        cwds.set(task, cwdOf(r));
        return reply.toolUse('Write', { file_path: join(cwdOf(r), 'src', file), content: `// ${task}\n` });
      },
      async () => {
        wrote[task].open();
        await wrote[other].opened;
        return reply.toolUse('Bash', { command: 'ls src', description: 'list' });
      },
      (r) => {
        listings.set(
          task,
          lastResults(r)
            .map((x) => x.text)
            .join('\n'),
        );
        return complete;
      },
      reply.text('done'),
    ];
    const server = await startLoopbackServer({
      handler: claudeCodeScript({ 'T-1': own('T-1', 'a.js', 'T-2'), 'T-2': own('T-2', 'b.js', 'T-1') }),
    });
    try {
      assert.equal((await cli(p.root, 'task', 'add', 'Write a', '--role', 'implementer', '--accept', 'works')).code, 0);
      assert.equal((await cli(p.root, 'task', 'add', 'Write b', '--role', 'implementer', '--accept', 'works')).code, 0);
      const run = await runWithHome(p.root, server.url);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertTaskTree(cwds.get('T-1') ?? '', p.root, 'T-1');
      assertTaskTree(cwds.get('T-2') ?? '', p.root, 'T-2');
      assert.match(listings.get('T-1') ?? '', /a\.js/);
      assert.doesNotMatch(listings.get('T-1') ?? '', /b\.js/);
      assert.match(listings.get('T-2') ?? '', /b\.js/);
      assert.doesNotMatch(listings.get('T-2') ?? '', /a\.js/);
      assert.equal(git(p.root, 'show', 'main:src/a.js'), '// T-1');
      assert.equal(git(p.root, 'show', 'main:src/b.js'), '// T-2');
      const events = await loggedEvents(p.root);
      assert.deepEqual(
        events
          .filter((e) => e.type === 'merge.succeeded')
          .map((e) => e.data.taskId)
          .sort(),
        ['T-1', 'T-2'],
      );
      assert.equal(git(p.root, 'branch', '--list', 'crucible/*'), '');
    } finally {
      await server.close();
      await p.cleanup();
    }
  },
);

test(
  'a merge conflict comes back to the Claude Code agent as a refusal; it resolves the markers in its worktree and is merged',
  { timeout: 300_000 },
  async () => {
    const p = await gitProject(
      { 'ok.mjs': 'process.exit(0);\n', 'src/shared.js': 'export const value = 0;\n' },
      { gate: { commands: ['node ok.mjs'] }, instances: { implementer: 2 }, concurrency: 2 },
    );
    const merged = signal();
    const edit = (to: string) => (r: RecordedRequest) =>
      reply.toolUse('Edit', { file_path: join(cwdOf(r), 'src', 'shared.js'), old_string: 'value = 0', new_string: `value = ${to}` });
    let refusal = '';
    const server = await startLoopbackServer({
      handler: claudeCodeScript({
        'T-1': [edit('1'), complete, () => (merged.open(), reply.text('done'))],
        'T-2': [
          edit('2'),
          async () => (await merged.opened, complete),
          (r) => {
            refusal = lastResults(r)
              .map((x) => x.text)
              .join('\n');
            return reply.toolUse('Write', {
              file_path: join(cwdOf(r), 'src', 'shared.js'),
              content: 'export const value = 1;\nexport const other = 2;\n',
            });
          },
          complete,
          reply.text('done'),
        ],
      }),
    });
    try {
      assert.equal((await cli(p.root, 'task', 'add', 'Set value 1', '--role', 'implementer', '--accept', 'works')).code, 0);
      assert.equal((await cli(p.root, 'task', 'add', 'Set value 2', '--role', 'implementer', '--accept', 'works')).code, 0);
      const run = await runWithHome(p.root, server.url);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(refusal, /REFUSED \[merge-conflict\].*src\/shared\.js/s);
      assert.equal(git(p.root, 'show', 'main:src/shared.js'), 'export const value = 1;\nexport const other = 2;');
      const events = await loggedEvents(p.root);
      assert.ok(events.some((e) => e.type === 'merge.conflicted' && e.data.taskId === 'T-2'));
      assert.deepEqual(
        events
          .filter((e) => e.type === 'task.completed')
          .map((e) => e.data.id)
          .sort(),
        ['T-1', 'T-2'],
      );
    } finally {
      await server.close();
      await p.cleanup();
    }
  },
);

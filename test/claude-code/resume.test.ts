import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { cli, loggedEvents } from '../helpers/cli.js';
import { git, gitProject } from '../runtime/worktree-support.js';
import { collect, crucibleBin, spawnTs } from '../../support/helpers/child.js';
import { assertTaskTree, claudeCodeEnv, runClaudeCode } from '../helpers/claude-code-run.js';
import { tempDir } from '../../support/helpers/temp.js';
import { claudeCodeScript, cwdOf } from '../../support/helpers/claude-script.js';
import { reply, startLoopbackServer, type RecordedRequest } from '../../src/model/loopback-server.js';

// SIGKILL of crucible while a Claude Code session works a task in its worktree; `run --resume`
// continues that session (Claude Code's resume with the recorded id, in the kept worktree) and does
// no finished task twice.

const complete = reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'it exists', how: 'node ok.mjs' }] });
const write = (file: string) => (r: RecordedRequest) =>
  reply.toolUse('Write', { file_path: join(cwdOf(r), 'src', file), content: `// ${file}\n` });

test(
  'SIGKILL during a Claude Code session, then run --resume: the session continues in its kept worktree, no task is done twice',
  { timeout: 300_000 },
  async () => {
    const p = await gitProject(
      { 'ok.mjs': 'process.exit(0);\n', 'src/keep.js': '// kept\n' },
      { gate: { commands: ['node ok.mjs'] }, concurrency: 1 },
    );
    const home = await tempDir('crucible-cc-home-');
    const log: RecordedRequest[] = [];
    let first: ChildProcess | undefined;
    const resumedOnce = (request: RecordedRequest) =>
      JSON.stringify(request.body.messages).includes('Crucible was interrupted and has restarted');
    const server = await startLoopbackServer({
      handler: claudeCodeScript(
        {
          'T-1': [write('a.js'), complete, reply.text('done')],
          'T-2': [
            write('b.js'),
            () => {
              first?.kill('SIGKILL');
              return reply.hang();
            },
            // Resumed: the history holds the Write and Claude Code's note for the cut turn, then the resume prompt.
            (request) => (resumedOnce(request) ? complete : reply.text('not resumed')),
            reply.text('done'),
          ],
        },
        log,
      ),
    });
    const env = claudeCodeEnv(server.url, home.dir);
    try {
      assert.equal((await cli(p.root, 'task', 'add', 'Write a', '--role', 'implementer', '--accept', 'it exists')).code, 0);
      assert.equal(
        (await cli(p.root, 'task', 'add', 'Write b', '--role', 'implementer', '--accept', 'it exists', '--deps', 'T-1')).code,
        0,
      );
      first = spawnTs(crucibleBin, ['run', '--backend', 'claude-code'], { cwd: p.root, env });
      const killed = await collect(first);
      assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
      const before = await loggedEvents(p.root);
      assert.ok(
        before.some((e) => e.type === 'agent.session' && e.data.taskId === 'T-2'),
        'the T-2 session was recorded before the kill',
      );

      const resumed = await collect(spawnTs(crucibleBin, ['run', '--resume', '--backend', 'claude-code'], { cwd: p.root, env }));
      assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
      const after = await loggedEvents(p.root);
      const completed = (id: string) => after.filter((e) => e.type === 'task.completed' && e.data.id === id).length;
      assert.equal(completed('T-1'), 1);
      assert.equal(completed('T-2'), 1);
      assert.equal(after.filter((e) => e.type === 'task.claimed' && e.data.id === 'T-1').length, 1, 'T-1 was claimed once');
      // The resumed session carried on the conversation in the same worktree: the earlier Write is in its history.
      const continued = log.find(resumedOnce);
      assert.ok(continued, 'a request of the resumed session');
      assert.match(JSON.stringify(continued.body.messages), /b\.js/);
      assertTaskTree(cwdOf(continued), p.root, 'T-2');
      assert.equal(git(p.root, 'show', 'main:src/b.js'), '// b.js');
    } finally {
      await server.close();
      await p.cleanup();
      await home.cleanup();
    }
  },
);

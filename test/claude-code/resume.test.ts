import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { collect, crucibleBin, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';
import { claudeCodeScript } from '../../support/helpers/claude-script.js';
import { reply, startLoopbackServer, type RecordedRequest } from '../../src/model/loopback-server.js';
import type { ChildProcess } from 'node:child_process';

// SIGKILL of crucible while a Claude Code session works a task; `run --resume` continues that
// session (Claude Code's --resume with the recorded id) and does no finished task twice.

const complete = reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'it exists', how: 'node test.js' }] });
const logOf = async (dir: string) =>
  (await cli(dir, 'log', '--limit', '1000', '--json')).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: Record<string, unknown> });

test(
  'SIGKILL during a Claude Code session, then run --resume: the session continues, no task is done twice',
  { timeout: 300_000 },
  async () => {
    const t = await tempDir('crucible-cc-resume-');
    const home = await tempDir('crucible-cc-home-');
    const log: RecordedRequest[] = [];
    let first: ChildProcess | undefined;
    const resumedOnce = (request: RecordedRequest) =>
      JSON.stringify(request.body.messages).includes('Crucible was interrupted and has restarted');
    const server = await startLoopbackServer({
      handler: claudeCodeScript(
        {
          'T-1': [
            reply.toolUse('Write', { file_path: join(t.dir, 'src', 'a.js'), content: 'module.exports = 1;\n' }),
            complete,
            reply.text('done'),
          ],
          'T-2': [
            reply.toolUse('Write', { file_path: join(t.dir, 'src', 'b.js'), content: 'module.exports = 2;\n' }),
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
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-cc-0000', ANTHROPIC_BASE_URL: server.url, HOME: home.dir };
    try {
      assert.equal((await cli(t.dir, 'init')).code, 0);
      await writeFile(join(t.dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node test.js'] }, concurrency: 1 }));
      await mkdir(join(t.dir, 'src'));
      await writeFile(join(t.dir, 'test.js'), 'process.exit(0);\n');
      assert.equal((await cli(t.dir, 'task', 'add', 'Write a', '--role', 'implementer', '--accept', 'it exists')).code, 0);
      assert.equal((await cli(t.dir, 'task', 'add', 'Write b', '--role', 'implementer', '--accept', 'it exists', '--deps', 'T-1')).code, 0);
      first = spawnTs(crucibleBin, ['run', '--backend', 'claude-code'], { cwd: t.dir, env });
      const killed = await collect(first);
      assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
      const before = await logOf(t.dir);
      const session = before.find((e) => e.type === 'agent.session' && e.data.taskId === 'T-2')?.data.sessionId;
      assert.ok(session, 'the T-2 session was recorded before the kill');

      const resumed = await collect(spawnTs(crucibleBin, ['run', '--resume', '--backend', 'claude-code'], { cwd: t.dir, env }));
      assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
      const after = await logOf(t.dir);
      const completedT1 = after.filter((e) => e.type === 'task.completed' && e.data.id === 'T-1');
      const completedT2 = after.filter((e) => e.type === 'task.completed' && e.data.id === 'T-2');
      assert.equal(completedT1.length, 1);
      assert.equal(completedT2.length, 1);
      assert.equal(after.filter((e) => e.type === 'task.claimed' && e.data.id === 'T-1').length, 1, 'T-1 was claimed once');
      // The resumed session carried on the conversation: the earlier Write is in its history.
      const continued = log.find(resumedOnce);
      assert.ok(continued, 'a request of the resumed session');
      assert.match(JSON.stringify(continued.body.messages), /b\.js/);
    } finally {
      await server.close();
      await t.cleanup();
      await home.cleanup();
    }
  },
);

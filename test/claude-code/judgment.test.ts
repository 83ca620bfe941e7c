import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, loggedEvents } from '../helpers/cli.js';
import { collect, crucibleBin, spawnTs, stderrShows } from '../../support/helpers/child.js';
import { claudeCodeEnv, runClaudeCode } from '../helpers/claude-code-run.js';
import { tempDir } from '../../support/helpers/temp.js';
import { claudeCodeScript, lastResults } from '../../support/helpers/claude-script.js';
import { reply, startLoopbackServer, type RecordedRequest } from '../../src/model/loopback-server.js';

// A Claude Code agent's mcp__crucible__ask_human blocks its session until the human answers (here from
// another terminal, the run started with --wait); the answer comes back as the tool's result in the
// same session, which then finishes the task.

test('ask_human from a Claude Code session waits for the answer, which the same session reads', { timeout: 180_000 }, async () => {
  const t = await tempDir('crucible-cc-ask-');
  const home = await tempDir('crucible-cc-home-');
  const log: RecordedRequest[] = [];
  const server = await startLoopbackServer({
    handler: claudeCodeScript(
      {
        'T-1': [
          reply.toolUse('mcp__crucible__ask_human', {
            question: 'Which number should the lib export?',
            options: [{ label: '42' }, { label: '41' }],
          }),
          (request) =>
            lastResults(request).some((r) => /the human answered J-1: 42/.test(r.text))
              ? reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'asked', how: 'J-1' }] })
              : reply.text('no answer came back'),
          reply.text('done'),
        ],
      },
      log,
    ),
  });
  try {
    assert.equal((await cli(t.dir, 'init')).code, 0);
    await writeFile(join(t.dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node test.js'] } }));
    await writeFile(join(t.dir, 'test.js'), 'process.exit(0);\n');
    assert.equal((await cli(t.dir, 'task', 'add', 'Decide the number', '--role', 'implementer', '--accept', 'asked')).code, 0);
    const env = claudeCodeEnv(server.url, home.dir);
    const child = spawnTs(crucibleBin, ['run', '--backend', 'claude-code', '--wait'], { cwd: t.dir, env });
    const done = collect(child);
    await stderrShows(child, /answer: crucible judgments answer J-1 <n>/, 90_000);
    const answered = await collect(spawnTs(crucibleBin, ['judgments', 'answer', 'J-1', '1'], { cwd: t.dir }));
    assert.equal(answered.code, 0, answered.stderr);
    const run = await done;
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const sessions = new Set(log.map((r) => r.headers['x-claude-code-session-id'] ?? ''));
    assert.equal(sessions.size, 1, 'one session from the question to the end');
    assert.ok(!sessions.has(''), 'Claude Code names its session in every request');
    assert.ok((await loggedEvents(t.dir)).some((e) => e.type === 'task.completed' && e.data.id === 'T-1'));
  } finally {
    await server.close();
    await t.cleanup();
    await home.cleanup();
  }
});

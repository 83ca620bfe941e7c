import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson, loggedEvents } from '../helpers/cli.js';
import { assertTaskTree, claudeCodeEnv, runClaudeCode } from '../helpers/claude-code-run.js';
import { tempDir } from '../../support/helpers/temp.js';
import { claudeCodeScript, cwdOf, lastResults } from '../../support/helpers/claude-script.js';
import { git, gitProject } from '../runtime/worktree-support.js';
import { reply, startLoopbackServer, type RecordedRequest } from '../../src/model/loopback-server.js';

// The claude-code backend end to end: the real Claude Code CLI (the binary the Agent SDK ships)
// works a task in Crucible's run, its model turns scripted by a loopback Messages API.

const SECRET = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

test(
  'a Claude Code agent in its worktree: a write outside write_paths refused, a red completion refused, then green, merged and done',
  { timeout: 240_000 },
  async () => {
    const p = await gitProject(
      {
        'test.js': "if (require('./src/lib.js') !== 42) { console.error('lib is not 42'); process.exit(1); }\n",
        'src/settings.txt': `region=eu\ntoken=${SECRET}\n`,
      },
      { gate: { commands: ['node test.js'] } },
    );
    const home = await tempDir('crucible-cc-home-');
    const log: RecordedRequest[] = [];
    const at =
      (...path: string[]) =>
      (r: RecordedRequest) =>
        join(cwdOf(r), ...path);
    const complete = reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'lib is 42', how: 'node test.js' }] });
    const server = await startLoopbackServer({
      handler: claudeCodeScript(
        {
          'T-1': [
            (r) => reply.toolUse('Write', { file_path: at('notes.md')(r), content: 'not mine to write\n' }),
            (r) => reply.toolUse('Read', { file_path: at('src', 'settings.txt')(r) }),
            reply.toolUse('Bash', { command: 'cat src/settings.txt', description: 'show' }),
            (r) => reply.toolUse('Write', { file_path: at('src', 'lib.js')(r), content: 'module.exports = 41;\n' }),
            reply.toolUse('Bash', {
              command: 'touch /etc/crucible-was-here; echo made > src/from-bash.txt; echo sneaked > notes.md; cat src/from-bash.txt',
              description: 'try',
            }),
            complete,
            (r) => reply.toolUse('Edit', { file_path: at('src', 'lib.js')(r), old_string: '41', new_string: '42' }),
            reply.toolUse('mcp__crucible__link_code', { path: 'src/lib.js', rel: 'implements' }),
            complete,
            // Refused: Bash wrote notes.md, outside write_paths; Crucible undid it. Complete again.
            complete,
            reply.text('T-1 is done.'),
          ],
        },
        log,
      ),
    });
    try {
      assert.equal((await cli(p.root, 'task', 'add', 'Write the lib', '--role', 'implementer', '--accept', 'lib is 42')).code, 0);
      const run = await runClaudeCode(p.root, claudeCodeEnv(server.url, home.dir));
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertTaskTree(cwdOf(log[0]!), p.root, 'T-1');
      const texts = log.flatMap((r) => lastResults(r).map((x) => x.text));
      const said = (pattern: RegExp) =>
        assert.ok(
          texts.some((x) => pattern.test(x)),
          `${pattern}:\n${texts.join('\n')}`,
        );
      said(/REFUSED \[write-not-allowed\]: the implementer role may not write notes.md/);
      said(/REFUSED \[gate-failed\][\s\S]*lib is not 42/);
      said(/REFUSED \[write-not-allowed\]: your tree changed notes\.md, outside the paths your role may write/);
      said(/gate passed.*merged and gated again; T-1 is done/);
      // What Claude Code's own Read and Bash showed the model was masked: the token never left.
      assert.equal(texts.filter((x) => /region=eu/.test(x)).length, 2, texts.join('\n'));
      assert.ok(!log.some((r) => JSON.stringify(r.body).includes(SECRET)), 'the secret reached the model');
      // Bash ran in the sandbox: it could write in its tree (merged with the rest), not outside it.
      assert.equal(git(p.root, 'show', 'main:src/from-bash.txt'), 'made');
      assert.equal(git(p.root, 'show', 'main:src/lib.js'), 'module.exports = 42;');
      await assert.rejects(readFile('/etc/crucible-was-here'));
      assert.equal(git(p.root, 'ls-tree', '--name-only', 'main', 'notes.md'), '');
      const shown = await cliJson<{ task: { status: string } }>(p.root, 'task', 'show', 'T-1');
      assert.equal(shown.task.status, 'done');
      const events = await loggedEvents(p.root);
      const gates = events.filter((e) => e.type === 'gate.checked' && e.data.gate === 'complete').map((e) => e.data.ok);
      assert.deepEqual(gates, [false, true, true]);
      const merges = events.filter((e) => e.type === 'gate.checked' && e.data.gate === 'merge').map((e) => e.data.code ?? 'ok');
      assert.deepEqual(merges, ['write-not-allowed'], 'a successful merge is recorded as merge.succeeded');
      assert.ok(events.some((e) => e.type === 'merge.succeeded' && e.data.taskId === 'T-1'));
      assert.ok(events.some((e) => e.type === 'agent.session' && e.data.taskId === 'T-1' && e.data.agent === 'implementer'));
      const usage = events.filter((e) => e.type === 'model.usage' && e.data.taskId === 'T-1');
      assert.ok(usage.length >= 9, `usage events: ${usage.length}`);
      assert.ok(usage.every((e) => e.data.agent === 'implementer' && e.actor === 'implementer'));
    } finally {
      await server.close();
      await p.cleanup();
      await home.cleanup();
    }
  },
);

test(
  'no API key and no Claude Code login: the run asks for no key itself, and fails with one line naming the login',
  { timeout: 120_000 },
  async () => {
    const t = await tempDir('crucible-cc-nokey-');
    const home = await tempDir('crucible-cc-home-');
    try {
      assert.equal((await cli(t.dir, 'init')).code, 0);
      assert.equal((await cli(t.dir, 'task', 'add', 'Write the lib', '--role', 'implementer', '--accept', 'lib is 42')).code, 0);
      const env: NodeJS.ProcessEnv = { HOME: home.dir, ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '', CLAUDE_CODE_OAUTH_TOKEN: '' };
      const run = await runClaudeCode(t.dir, env);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('crucible:'));
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /run failed: Claude Code: Not logged in.*log in with `claude` \(a subscription\) or set ANTHROPIC_API_KEY/);
      const shown = await cliJson<{ task: { status: string } }>(t.dir, 'task', 'show', 'T-1');
      assert.equal(shown.task.status, 'ready', 'the task waits for the run after the login');
    } finally {
      await t.cleanup();
      await home.cleanup();
    }
  },
);

test(
  'crucible run --goal with every agent on Claude Code: the planner session plans, the implementer session builds, merged',
  { timeout: 240_000 },
  async () => {
    const p = await gitProject(
      { 'test.js': "if (require('./src/lib.js') !== 42) process.exit(1);\n" },
      { gate: { commands: ['node test.js'] } },
    );
    const home = await tempDir('crucible-cc-home-');
    const seen: RecordedRequest[] = [];
    const server = await startLoopbackServer({
      handler: claudeCodeScript(
        {
          '@planner': [
            // The planner works at the root: neither the record's files nor HOME show in what it searches.
            reply.toolUse('Grep', { pattern: 'gate', glob: '**/config.json', output_mode: 'content' }),
            reply.toolUse('Grep', { pattern: 'x', path: '~' }),
            reply.toolUse('mcp__crucible__add_requirement', { text: 'The lib exports 42', priority: 'must' }),
            reply.toolUse('mcp__crucible__create_task', {
              title: 'Write the lib',
              role: 'implementer',
              acceptance: ['lib is 42'],
              requirements: ['R-1'],
            }),
            reply.text('Planned: T-1.'),
          ],
          'T-1': [
            (r) => reply.toolUse('Write', { file_path: join(cwdOf(r), 'src', 'lib.js'), content: 'module.exports = 42;\n' }),
            reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'lib is 42', how: 'node test.js' }] }),
            reply.text('done'),
          ],
        },
        seen,
      ),
    });
    try {
      const run = await runClaudeCode(p.root, claudeCodeEnv(server.url, home.dir), '--goal', 'A lib that exports 42');
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /run done/);
      const events = await loggedEvents(p.root);
      assert.ok(events.some((e) => e.type === 'requirement.added' && e.actor === 'planner'));
      assert.ok(events.some((e) => e.type === 'task.created' && e.actor === 'planner'));
      assert.ok(events.some((e) => e.type === 'task.completed' && e.data.id === 'T-1'));
      assert.equal(git(p.root, 'show', 'main:src/lib.js'), 'module.exports = 42;');
      const planner = seen.filter((r) => !/T-\d/.test(JSON.stringify(r.body.messages[0])));
      const results = planner.flatMap((r) => lastResults(r).map((x) => x.text));
      assert.ok(results.length >= 2, results.join('\n'));
      assert.ok(!results.some((x) => /\.crucible/i.test(x)), results.join('\n'));
      assert.ok(
        results.some((x) => /REFUSED \[path-outside\]: ~ is in a home directory/.test(x)),
        results.join('\n'),
      );
    } finally {
      await server.close();
      await p.cleanup();
      await home.cleanup();
    }
  },
);

test('in a shared tree (no git), what Glob and Grep find leaves out .crucible/, and HOME is refused', { timeout: 120_000 }, async () => {
  const t = await tempDir('crucible-cc-search-');
  const home = await tempDir('crucible-cc-home-');
  const seen: RecordedRequest[] = [];
  const server = await startLoopbackServer({
    handler: claudeCodeScript(
      {
        'T-1': [
          reply.toolUse('Grep', { pattern: 'gate', glob: '**/config.json', output_mode: 'content' }),
          reply.toolUse('Glob', { pattern: '**/*.json' }),
          reply.toolUse('Grep', { pattern: 'x', path: '~' }),
          reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'searched', how: 'looked' }] }),
          reply.text('done'),
        ],
      },
      seen,
    ),
  });
  try {
    assert.equal((await cli(t.dir, 'init')).code, 0);
    await writeFile(join(t.dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node ok.js'] } }));
    await writeFile(join(t.dir, 'ok.js'), 'process.exit(0);\n');
    await writeFile(join(t.dir, 'config.json'), '{"gate": "the project\'s own"}\n');
    assert.equal((await cli(t.dir, 'task', 'add', 'Search', '--role', 'implementer', '--accept', 'searched')).code, 0);
    const run = await runClaudeCode(t.dir, claudeCodeEnv(server.url, home.dir));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const results = seen.flatMap((r) => lastResults(r).map((x) => x.text));
    assert.ok(
      results.some((x) => /the project's own/.test(x)),
      results.join('\n'),
    );
    assert.ok(!results.some((x) => /\.crucible/i.test(x)), results.join('\n'));
    assert.ok(
      results.some((x) => /REFUSED \[path-outside\]: ~ is in a home directory/.test(x)),
      results.join('\n'),
    );
  } finally {
    await server.close();
    await t.cleanup();
    await home.cleanup();
  }
});

test(
  'a Claude Code agent that weakens the test through Bash gets nothing merged: the test is put back and the gate stays red',
  { timeout: 240_000 },
  async () => {
    const p = await gitProject(
      {
        'test.js': "if (require('./src/lib.js') !== 42) { console.error('lib is not 42'); process.exit(1); }\n",
        'src/lib.js': 'module.exports = 0;\n',
      },
      { gate: { commands: ['node test.js'] } },
    );
    const home = await tempDir('crucible-cc-home-');
    const log: RecordedRequest[] = [];
    const complete = reply.toolUse('mcp__crucible__complete_task', { acceptance: [{ criterion: 'lib is 42', how: 'node test.js' }] });
    const server = await startLoopbackServer({
      handler: claudeCodeScript(
        {
          'T-1': [
            (r) => reply.toolUse('Write', { file_path: join(cwdOf(r), 'src', 'lib.js'), content: 'module.exports = 41;\n' }),
            // The cheap way to green: a command that rewrites the test (Write would be refused: test.js is not in write_paths).
            reply.toolUse('Bash', { command: 'sh -c "echo \'process.exit(0)\' > test.js"', description: 'weaken' }),
            complete,
            complete,
            (r) => reply.toolUse('Edit', { file_path: join(cwdOf(r), 'src', 'lib.js'), old_string: '41', new_string: '42' }),
            complete,
            reply.text('done'),
          ],
        },
        log,
      ),
    });
    try {
      assert.equal((await cli(p.root, 'task', 'add', 'Write the lib', '--role', 'implementer', '--accept', 'lib is 42')).code, 0);
      const run = await runClaudeCode(p.root, claudeCodeEnv(server.url, home.dir));
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const texts = log.flatMap((r) => lastResults(r).map((x) => x.text));
      assert.ok(
        texts.some((x) => /REFUSED \[write-not-allowed\]: your tree changed test\.js/.test(x)),
        texts.join('\n'),
      );
      assert.ok(
        texts.some((x) => /REFUSED \[gate-failed\][\s\S]*lib is not 42/.test(x)),
        texts.join('\n'),
      );
      assert.match(git(p.root, 'show', 'main:test.js'), /lib is not 42/);
      assert.equal(git(p.root, 'show', 'main:src/lib.js'), 'module.exports = 42;');
    } finally {
      await server.close();
      await p.cleanup();
      await home.cleanup();
    }
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/program.js';
import { cli, cliJson } from '../helpers/cli.js';
import { startMockAnthropicServer } from '../helpers/mock-anthropic-server.js';
import { tempDir } from '../../support/helpers/temp.js';
import { openWorkspace } from '../../src/workspace/open.js';

// What a hostile model or MCP client puts in a title: a window title (OSC 0), a clipboard write (OSC 52),
// a clear screen (CSI 2J) and a right-to-left override that reverses what follows.
const EVIL = 'Fix parser\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202Eevil.sh';
const SHOWN = ['\\u001b]0;pwned\\u0007', '\\u001b]52;c;cm0gLXJmIH4=\\u0007', '\\u001b[2J', '\\u202eevil.sh'];

function assertInert(text: string, what: string): void {
  assert.doesNotMatch(text, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, `${what} reaches the terminal raw`);
  for (const shown of SHOWN) assert.ok(text.includes(shown), `${what} shows ${shown}:\n${text}`);
}

test(
  'escape sequences and bidi overrides in titles and judgments are shown escaped by task list, judgments list and trace; ' +
    '--json and the record keep them',
  async () => {
    const { dir, cleanup } = await tempDir('crucible-terminal-');
    try {
      assert.equal((await cli(dir, 'init')).code, 0);
      assert.equal((await cli(dir, 'req', 'add', EVIL)).code, 0);
      assert.equal((await cli(dir, 'task', 'add', EVIL, '--role', 'implementer', '--req', 'R-1', '--accept', EVIL)).code, 0);
      const ws = await openWorkspace({ dir });
      try {
        await ws.store.append({
          type: 'judgment.asked',
          actor: 'architect-1',
          data: {
            question: EVIL,
            options: [
              { label: EVIL, tradeoffs: EVIL },
              { label: 'plain', tradeoffs: '' },
            ],
            askedBy: 'architect-1',
            taskId: 'T-1',
          },
        });
      } finally {
        await ws.close();
      }

      for (const argv of [
        ['task', 'list'],
        ['task', 'show', 'T-1'],
        ['judgments', 'list'],
        ['trace', 'T-1'],
        ['req', 'list'],
      ]) {
        const result = await cli(dir, ...argv);
        assert.equal(result.code, 0, result.stderr);
        assertInert(result.stdout, `crucible ${argv.join(' ')}`);
      }
      const missing = await cli(dir, 'task', 'show', 'T-9\x1b[2J');
      assert.notEqual(missing.code, 0);
      assert.doesNotMatch(missing.stderr, /\x1b/, 'an error line echoing user input is escaped too');

      assert.equal((await cliJson<{ title: string }[]>(dir, 'task', 'list'))[0]?.title, EVIL, '--json keeps the original text');
      assert.equal((await cliJson<{ question: string }[]>(dir, 'judgments', 'list'))[0]?.question, EVIL);
      const log = await cli(dir, 'log', '--json');
      const created = log.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: { title?: string } })
        .find((e) => e.type === 'task.created');
      assert.equal(created?.data.title, EVIL, 'the record stores the text unchanged');
    } finally {
      await cleanup();
    }
  },
);

test('doctor shows an API error carrying escape sequences escaped', async () => {
  const server = await startMockAnthropicServer({
    fallback: { kind: 'error', status: 400, message: `bad model\x1b]0;pwned\x07\x1b[2J\u202Eevil` },
  });
  const { dir, cleanup } = await tempDir('crucible-terminal-');
  try {
    let stdout = '';
    const io = { out: (s: string) => void (stdout += s), err: (s: string) => void (stdout += s) };
    const env = { ...process.env, ANTHROPIC_API_KEY: 'test-key-not-real', ANTHROPIC_BASE_URL: server.url };
    assert.equal(await runCli(['doctor'], { io, cwd: dir, env }), 1);
    assert.match(stdout, /FAIL model/);
    assert.doesNotMatch(stdout, /[\x1b\x07\u202e]/, stdout);
    assert.ok(stdout.includes('\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil'), stdout);
  } finally {
    await server.close();
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startMockAnthropicServer, type MockReply } from '../helpers/mock-anthropic-server.js';
import { cli } from '../helpers/cli.js';
import { collect, repoRoot, spawnTs } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

// `crucible run` ends honestly: a model it cannot use fails the run with one line naming the cause
// and the fix (exit 1), and a planner that planned nothing is not "done". Real processes, real SDK,
// a loopback Messages API.
const bin = join(repoRoot, 'src/cli/crucible.ts');

async function project(config: object = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir('crucible-outcome-');
  assert.equal((await cli(t.dir, 'init')).code, 0);
  // Few, fast retries: the failures under test are not transient.
  await writeFile(
    join(t.dir, '.crucible', 'config.json'),
    JSON.stringify({ model: { retries: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } }, ...config }),
  );
  return t;
}

async function runAgainst(dir: string, baseURL: string, args: string[]) {
  return collect(
    spawnTs(bin, ['run', '--model', 'anthropic', ...args], {
      cwd: dir,
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-outcomes-0000', ANTHROPIC_BASE_URL: baseURL },
    }),
  );
}

async function withApi<T>(reply: MockReply, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await startMockAnthropicServer({ fallback: reply });
  try {
    return await fn(server.url);
  } finally {
    await server.close();
  }
}

test(
  'a key the API refuses (401) while planning: run failed, exit 1, one stderr line naming the key and the fix',
  { timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await project();
    try {
      const result = await withApi({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }, (url) =>
        runAgainst(dir, url, ['--goal', 'Add a CSV export']),
      );
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const lines = result.stderr.split('\n').filter((l) => l.startsWith('crucible:'));
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /run failed: the model API refused the key \(401\).*: set ANTHROPIC_API_KEY to a valid key/);
      assert.doesNotMatch(result.stdout, /run done|every task is done/);
      assert.doesNotMatch(result.stderr + result.stdout, /sk-ant-test-outcomes-0000/);
    } finally {
      await cleanup();
    }
  },
);

test(
  'a model the API does not have (404) while working a task: run failed, exit 1, naming the model and the config key',
  { timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await project({
      model: { defaultModel: 'claude-nonexistent-9', retries: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } },
    });
    try {
      assert.equal((await cli(dir, 'task', 'add', 'Write the parser', '--role', 'implementer', '--accept', 'parses')).code, 0);
      const result = await withApi({ kind: 'error', status: 404, type: 'not_found_error', message: 'model: claude-nonexistent-9' }, (url) =>
        runAgainst(dir, url, []),
      );
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /run failed: the model API has no model "claude-nonexistent-9" \(404\).*model\.defaultModel/);
      // The task goes back to the queue for the run after the fix, not to `failed`.
      const list = await cli(dir, 'task', 'list', '--json');
      assert.equal((JSON.parse(list.stdout) as { status: string }[])[0]?.status, 'ready');
    } finally {
      await cleanup();
    }
  },
);

test(
  'no network (a closed port): run failed after its retries, exit 1, saying the API could not be reached',
  { timeout: 120_000 },
  async () => {
    const { dir, cleanup } = await project();
    try {
      const port = await closedPort();
      const result = await runAgainst(dir, `http://127.0.0.1:${port}`, ['--goal', 'Add a CSV export']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /crucible: run failed: could not reach the model API, through every retry.*: check the network/);
    } finally {
      await cleanup();
    }
  },
);

test('a planner that creates no tasks: the run failed, not done', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await project();
  try {
    await writeFile(join(dir, 'plan.yaml'), 'version: 1\nroles:\n  planner:\n    - text: I have nothing to plan.\n');
    const result = await cli(dir, 'run', '--goal', 'Add a CSV export', '--model', 'scripted', '--script', 'plan.yaml');
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /run failed: the planner created no tasks for the goal: .*crucible task add/);
    assert.doesNotMatch(result.stdout, /run done/);
  } finally {
    await cleanup();
  }
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

test('a run stopped by its budget exits 3 (it waits on you, and work is left open), not 0', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await project();
  try {
    const plan = [
      'version: 1',
      'roles:',
      '  planner:',
      '    - text: Planning.',
      '      tools:',
      '        - name: add_requirement',
      '          input: { text: "Export the records as CSV" }',
      '    - text: Still planning.',
      '      tools:',
      '        - name: create_task',
      '          input: { title: "Write the CSV export", role: implementer, requirements: [R-1], acceptance: ["a CSV file is written"] }',
      '    - text: Planned.',
    ].join('\n');
    await writeFile(join(dir, 'plan.yaml'), `${plan}\n`);
    const result = await cli(
      dir,
      'run',
      '--goal',
      'Add a CSV export',
      '--model',
      'scripted',
      '--script',
      'plan.yaml',
      '--max-usd',
      '0.000001',
    );
    assert.match(result.stdout + result.stderr, /run budget/);
    assert.equal(result.code, 3, result.stdout + result.stderr);
  } finally {
    await cleanup();
  }
});

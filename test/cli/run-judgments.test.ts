import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { collect, crucibleBin, spawnTs, stderrShows } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';

// A headless `crucible run` whose agent asks a judgment: it says what is asked and how to answer,
// and returns (exit 3); `--wait` waits for an answer from another terminal; `--resume` continues
// with the answer, without asking again. Real processes.
const bin = crucibleBin;

const SCRIPT =
  `version: 1
model: claude-sonnet-5-5
tasks:
  T-1:
    implementer:
      - text: This needs the human's call.
        tools:
          - name: ask_human
            input: { question: "Truncate where?", options: [{ label: "word boundary", tradeoffs: "keeps words whole" }, ` +
  `{ label: "exact", tradeoffs: "exactly max characters" }] }
      - text: Completing with the answer.
        tools:
          - name: complete_task
            input: { task_id: T-1, acceptance: [{ criterion: "truncates", how: "the gate passes" }] }
      - text: Done.
`;

async function project(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir('crucible-judgment-');
  assert.equal((await cli(t.dir, 'init')).code, 0);
  await writeFile(join(t.dir, '.crucible', 'config.json'), JSON.stringify({ gate: { commands: ['node ok.mjs'] } }));
  await writeFile(join(t.dir, 'ok.mjs'), 'process.exit(0);\n');
  await writeFile(join(t.dir, 'script.yaml'), SCRIPT);
  assert.equal((await cli(t.dir, 'task', 'add', 'Truncate titles', '--role', 'implementer', '--accept', 'truncates')).code, 0);
  return t;
}

const runArgs = ['run', '--model', 'scripted', '--script', 'script.yaml'];

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1200 && !ready(); i++) await sleep(50);
}

/** Resolves when `pattern` appears in what the child wrote to stderr (at most `ms`). */

test(
  'headless run, agent asks a judgment: returns within 10 s, exit 3, naming J-1, the question, the options and the answer command; ' +
    '--resume continues with the answer',
  async () => {
    const { dir, cleanup } = await project();
    try {
      const child = spawnTs(bin, runArgs, { cwd: dir });
      const exited = collect(child);
      // The bound the issue names, counted from when the run holds the workspace (starting Node and tsx
      // on a loaded machine is not the run's time): a run that would wait forever is killed, and fails.
      await until(() => existsSync(join(dir, '.crucible', 'crucible.sock')) || child.exitCode !== null);
      const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(guard);
      assert.equal(result.signal, null, `the run did not return by itself within 10 s: ${result.stdout}${result.stderr}`);
      assert.equal(result.code, 3, result.stdout + result.stderr);
      assert.match(result.stdout, /^run waiting: /m);
      assert.match(result.stdout, /J-1 asked by implementer for T-1: Truncate where\?/);
      assert.match(result.stdout, /1\. word boundary \(keeps words whole\)/);
      assert.match(result.stdout, /2\. exact \(exactly max characters\)/);
      assert.match(result.stdout, /crucible judgments answer J-1 <n>/);
      assert.match(result.stdout, /crucible run --resume/);
      assert.doesNotMatch(result.stdout + result.stderr, /stopped by the human|REFUSED/);

      assert.equal((await cli(dir, 'judgments', 'answer', 'J-1', '2')).code, 0);
      const resumed = await collect(spawnTs(bin, [...runArgs, '--resume'], { cwd: dir }));
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /^run done: every task is done\ntasks: 1 done$/m);
      assert.match(resumed.stderr, /ask_human -> the human answered J-1: exact/);
      const judgments = await cliJson<{ id: string }[]>(dir, 'judgments', 'list', '--all');
      assert.deepEqual(
        judgments.map((j) => j.id),
        ['J-1'],
        'the judgment was not asked twice',
      );
    } finally {
      await cleanup();
    }
  },
);

// In-process, so a run that would wait forever needs the test's own bound to fail instead of hanging.
test('--json of a waiting run: state waiting with the judgments it waits on; exit 3', { timeout: 60_000 }, async () => {
  const { dir, cleanup } = await project();
  try {
    const result = await cli(dir, ...runArgs, '--json');
    assert.equal(result.code, 3, result.stderr);
    const summary = JSON.parse(result.stdout) as { state: string; waitingOn: { id: string; question: string }[] };
    assert.equal(summary.state, 'waiting');
    assert.deepEqual(
      summary.waitingOn.map((j) => [j.id, j.question]),
      [['J-1', 'Truncate where?']],
    );
  } finally {
    await cleanup();
  }
});

test('--wait: shows the judgment once, and continues to done when it is answered from another process', async () => {
  const { dir, cleanup } = await project();
  try {
    const child = spawnTs(bin, [...runArgs, '--wait'], { cwd: dir });
    const shown = stderrShows(child, /answer: crucible judgments answer J-1 <n>/, 30_000);
    const result = collect(child);
    await shown;
    // Another process: it reaches the running one through .crucible/crucible.sock.
    const answer = await collect(spawnTs(bin, ['judgments', 'answer', 'J-1', '1'], { cwd: dir }));
    assert.equal(answer.code, 0, answer.stderr);
    const { code, stdout, stderr } = await result;
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /^run done: every task is done/m);
    assert.match(stderr, /ask_human -> the human answered J-1: word boundary/);
    assert.equal(stderr.match(/waiting for your judgment/g)?.length, 1, 'the waiting message is shown once');
  } finally {
    await cleanup();
  }
});

const LOOPING = `version: 1
model: claude-sonnet-5-5
tasks:
  T-1:
    implementer:
      - text: Reading.
        tools: [{ name: read_file, input: { path: ok.mjs } }]
      - text: Reading again.
        tools: [{ name: read_file, input: { path: ok.mjs } }]
      - text: Completing.
        tools:
          - name: complete_task
            input: { task_id: T-1, acceptance: [{ criterion: "truncates", how: "the gate passes" }] }
      - text: Done.
`;

test('the loop guard asks in a headless run: exit 3 naming the judgment; answered, --resume uses that answer instead of asking again', async () => {
  const { dir, cleanup } = await project();
  try {
    await writeFile(
      join(dir, '.crucible', 'config.json'),
      JSON.stringify({ gate: { commands: ['node ok.mjs'] }, guards: { loopRepeat: 2 } }),
    );
    await writeFile(join(dir, 'script.yaml'), LOOPING);
    const first = await collect(spawnTs(bin, runArgs, { cwd: dir }));
    assert.equal(first.code, 3, first.stdout + first.stderr);
    assert.match(first.stdout, /J-1 asked by implementer for T-1: implementer seems to be looping on T-1/);
    assert.match(first.stdout, /1\. stop .*\n\s+2\. continue /);
    assert.equal((await cli(dir, 'judgments', 'answer', 'J-1', 'continue')).code, 0);
    const resumed = await collect(spawnTs(bin, [...runArgs, '--resume'], { cwd: dir }));
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /^run done: every task is done/m);
    const judgments = await cliJson<{ id: string }[]>(dir, 'judgments', 'list', '--all');
    assert.deepEqual(
      judgments.map((j) => j.id),
      ['J-1'],
      'the loop question was not asked twice',
    );
  } finally {
    await cleanup();
  }
});

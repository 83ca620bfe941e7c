// Humans manage tasks through the same gates as agents: duplicates refused, edits,
// retry/reopen/release/cancel/split, and next/claim/complete running the real gate commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliJson } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { openWorkspace } from '../../src/workspace/open.js';

interface Shown {
  task: { title: string; status: string; loopGuard: boolean; deps: string[]; acceptance: string[]; history: { note?: string }[] };
}
const show = async (dir: string, id: string) => (await cliJson<Shown>(dir, 'task', 'show', id)).task;

async function expectCode(dir: string, code: number, pattern: RegExp, ...argv: string[]) {
  const result = await cli(dir, ...argv);
  assert.equal(result.code, code, `${argv.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, pattern, argv.join(' '));
}

test('exact and near duplicates of tasks and requirements are refused; an unknown role is a usage mistake', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await cliJson(dir, 'req', 'add', 'Slugify titles');
    await expectCode(dir, 5, /R-1 already says this/, 'req', 'add', 'slugify  titles.');
    await cliJson(dir, 'task', 'add', 'Implement slugify', '--role', 'implementer');
    await expectCode(
      dir,
      5,
      /T-1 "Implement slugify" \(ready\) already covers this \(the same title\)/,
      'task',
      'add',
      'Implement slugify',
      '--role',
      'implementer',
    );
    await expectCode(
      dir,
      5,
      /already covers this.*--allow-similar/,
      'task',
      'add',
      'Implement the slugify function',
      '--role',
      'implementer',
    );
    await expectCode(dir, 5, /same title/, 'task', 'add', 'Implement slugify', '--role', 'implementer', '--allow-similar');
    assert.equal((await cliJson<{ id: string }>(dir, 'task', 'add', 'Implement the slugify function', '--role', 'tester')).id, 'T-2');
    await expectCode(dir, 2, /--role: "nobody" is not a known role/, 'task', 'add', 'Sweep', '--role', 'nobody');
    const similar = await cliJson<{ id: string }>(
      dir,
      'task',
      'add',
      'Implement the slugify function',
      '--role',
      'implementer',
      '--allow-similar',
    );
    assert.equal(similar.id, 'T-3');
  } finally {
    await cleanup();
  }
});

test('task edit, retry, reopen, cancel and split change the record with their reasons, and refuse what is not legal', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await cliJson(dir, 'task', 'add', 'Parse dates', '--role', 'implementer');
    await cliJson(dir, 'task', 'add', 'Format dates', '--role', 'implementer', '--deps', 'T-1');
    await cliJson(dir, 'task', 'edit', 'T-1', '--title', 'Parse ISO dates', '--accept', 'rejects month 13', '--loop-guard', 'off');
    const edited = await show(dir, 'T-1');
    assert.deepEqual([edited.title, edited.loopGuard, edited.acceptance], ['Parse ISO dates', false, ['rejects month 13']]);
    await expectCode(
      dir,
      2,
      /--role: "implementor" is not a known role \(did you mean "implementer"\?\)/,
      'task',
      'edit',
      'T-1',
      '--role',
      'implementor',
    );
    await expectCode(dir, 5, /T-1 cannot depend on T-2: T-2 already depends on T-1/, 'task', 'edit', 'T-1', '--deps', 'T-2');
    await expectCode(dir, 5, /Format dates.*already covers this/, 'task', 'edit', 'T-1', '--title', 'Format dates');
    await expectCode(dir, 4, /task T-9 does not exist/, 'task', 'edit', 'T-9', '--title', 'x');

    await cliJson(dir, 'task', 'edit', 'T-2', '--deps', '');
    assert.equal((await show(dir, 'T-2')).status, 'ready', 'no dependencies left: ready');
    await cliJson(dir, 'task', 'edit', 'T-2', '--deps', 'T-1');
    assert.equal((await show(dir, 'T-2')).status, 'blocked');

    await expectCode(dir, 5, /T-1 is ready; only a failed, done or in-review task/, 'task', 'retry', 'T-1', '--reason', 'again');
    await expectCode(dir, 5, /T-1 cannot be cancelled: T-2 still depends on it/, 'task', 'cancel', 'T-1', '--reason', 'not needed');

    // A failed task (as the coordinator records one) is retried: ready again, the reason in its history.
    const ws = await openWorkspace({ cwd: dir });
    try {
      await ws.store.appendAll([
        { type: 'task.claimed', actor: 'implementer', data: { id: 'T-1', assignee: 'implementer' } },
        { type: 'task.started', actor: 'implementer', data: { id: 'T-1' } },
        { type: 'task.failed', actor: 'coordinator', data: { id: 'T-1', reason: 'the model gave up' } },
      ]);
    } finally {
      await ws.close();
    }
    const retried = await cliJson<{ status: string }>(dir, 'task', 'retry', 'T-1', '--reason', 'the parser spec is clearer now');
    assert.equal(retried.status, 'ready');
    assert.equal((await show(dir, 'T-1')).history.at(-1)?.note, 'the parser spec is clearer now');

    const split = await cliJson<{ parts: string[] }>(dir, 'task', 'split', 'T-1', '--into', 'Parse ISO dates', '--into', 'Parse ISO times');
    assert.deepEqual(split.parts, ['T-3', 'T-4']);
    assert.equal((await show(dir, 'T-1')).status, 'cancelled');
    assert.deepEqual((await show(dir, 'T-3')).acceptance, ['rejects month 13'], "a part answers to the parent's criteria");
    assert.deepEqual((await show(dir, 'T-2')).deps, ['T-3', 'T-4'], 'the dependent now waits for every part');
    await cliJson(dir, 'task', 'cancel', 'T-2', '--reason', 'formatting moves to another project');
    assert.equal((await show(dir, 'T-2')).status, 'cancelled');
    const status = await cliJson<{ tasks: Record<string, number> }>(dir, 'status');
    assert.equal(status.tasks.cancelled, 2);
    assert.equal((await cliJson<{ equal: boolean }>(dir, 'rebuild')).equal, true, 'replay reaches the same tables');
  } finally {
    await cleanup();
  }
});

test('a human claims and completes a task through the same gate as an agent: evidence checked, gate commands run', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await writeFile(join(dir, '.crucible/config.json'), JSON.stringify({ gate: { commands: ['node --test'] } }));
    await mkdir(join(dir, 'test'));
    const testFile = join(dir, 'test/ok.test.js');
    await writeFile(testFile, "import { test } from 'node:test';\ntest('red', () => { throw new Error('still red'); });\n");
    await cliJson(dir, 'task', 'add', 'Make it green', '--role', 'implementer', '--accept', 'the test passes');
    await cliJson(dir, 'task', 'add', 'Then document it', '--role', 'implementer', '--deps', 'T-1');
    assert.equal((await cliJson<{ id: string }>(dir, 'task', 'next')).id, 'T-1');
    await expectCode(dir, 5, /T-2 depends on T-1, which is not done/, 'task', 'claim', 'T-2');
    await cliJson(dir, 'task', 'claim', 'T-1');
    assert.equal((await show(dir, 'T-1')).status, 'in_progress');
    assert.equal((await cliJson<{ id: string | null }>(dir, 'task', 'next')).id, null);
    // Released: ready again, nobody holds it, the reason in its history; then claimed again through the same gate.
    await expectCode(
      dir,
      5,
      /T-2 is blocked; only a claimed or in-progress task can be released/,
      'task',
      'release',
      'T-2',
      '--reason',
      'x',
    );
    await expectCode(dir, 4, /task T-9 does not exist/, 'task', 'release', 'T-9', '--reason', 'x');
    await expectCode(dir, 2, /--reason/, 'task', 'release', 'T-1');
    const released = await cliJson<{ status: string }>(dir, 'task', 'release', 'T-1', '--reason', 'an agent should take it');
    assert.equal(released.status, 'ready');
    const afterRelease = await cliJson<{ task: { assignee?: string; history: { note?: string }[] } }>(dir, 'task', 'show', 'T-1');
    assert.equal(afterRelease.task.assignee, undefined);
    assert.equal(afterRelease.task.history.at(-1)?.note, 'an agent should take it');
    await cliJson(dir, 'task', 'claim', 'T-1');

    await expectCode(dir, 5, /no evidence for acceptance criteria: "the test passes"/, 'task', 'complete', 'T-1');
    await expectCode(dir, 5, /gate command `node --test` exited 1/, 'task', 'complete', 'T-1', '--evidence', '1=ran it');
    await writeFile(testFile, "import { test } from 'node:test';\ntest('green', () => {});\n");
    const completed = await cliJson<{ status: string; message: string }>(
      dir,
      'task',
      'complete',
      'T-1',
      '--evidence',
      '1=node --test passes',
    );
    assert.equal(completed.status, 'done', completed.message);
    assert.equal((await show(dir, 'T-2')).status, 'ready');

    const reopened = await cliJson<{ status: string }>(dir, 'task', 'reopen', 'T-1', '--reason', 'the test was too weak');
    assert.equal(reopened.status, 'ready');
    assert.equal((await show(dir, 'T-2')).status, 'blocked', 'its dependent waits again');
    // Worked on once, its gate's terms stay: no move to a role whose gate runs nothing, no new criteria, no dropped prerequisite.
    await expectCode(dir, 5, /T-1 was already worked on/, 'task', 'edit', 'T-1', '--role', 'architect');
    await expectCode(dir, 5, /T-1 was already worked on/, 'task', 'edit', 'T-1', '--accept', 'it compiles');
    await cliJson(dir, 'task', 'edit', 'T-1', '--title', 'Make it green again');
  } finally {
    await cleanup();
  }
});

test('judgments answer --note keeps the text with the chosen option', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cli(dir, 'init');
    await cliJson(dir, 'task', 'add', 'Loop', '--role', 'implementer');
    const ws = await openWorkspace({ cwd: dir });
    try {
      await ws.store.append({
        type: 'judgment.asked',
        actor: 'coordinator',
        data: {
          question: 'Stop, continue, or hint?',
          options: [{ label: 'stop' }, { label: 'continue' }, { label: 'hint' }],
          askedBy: 'coordinator',
        },
      });
    } finally {
      await ws.close();
    }
    const answered = await cliJson<{ answer: string }>(dir, 'judgments', 'answer', 'J-1', '3', '--note', 'use the slug library');
    assert.equal(answered.answer, 'hint: use the slug library');
  } finally {
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { collect, spawnTs } from '../../support/helpers/child.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../../support/helpers/temp.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { bin, spawnTsPiped, startHolder, watch } from './holder.js';

/** A project with one ready task and one pending judgment. */
async function project(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const t = await tempDir('crucible-sock-');
  assert.equal((await cli(t.dir, 'init')).code, 0);
  assert.equal((await cli(t.dir, 'task', 'add', 'Write the parser', '--role', 'implementer')).code, 0);
  const ws = await openWorkspace({ dir: t.dir });
  await ws.store.append({
    type: 'judgment.asked',
    actor: 'architect',
    data: {
      question: 'Dates as strings or numbers?',
      options: [
        { label: 'strings', tradeoffs: 'sortable' },
        { label: 'numbers', tradeoffs: 'compact' },
      ],
      context: '',
      askedBy: 'architect',
    },
  });
  await ws.close();
  return t;
}

const run = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => collect(spawnTs(bin, args, { cwd: dir, env }));

/** Sends raw lines to the socket and returns the parsed answers, one per line sent. */
async function rawExchange(socketPath: string, lines: string[]): Promise<Record<string, unknown>[]> {
  const socket = createConnection(socketPath);
  let buffer = '';
  const answers: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answers after ${buffer}`)), 10_000);
    socket.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        answers.push(JSON.parse(buffer.slice(0, at)) as Record<string, unknown>);
        buffer = buffer.slice(at + 1);
      }
      if (answers.length >= lines.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answers);
      }
    });
    socket.on('error', reject);
    // One at a time, so the answers come back in the order they were asked.
    let i = 0;
    const next = () => {
      if (i < lines.length) socket.write(`${lines[i++]}\n`);
    };
    socket.on('data', next);
    socket.on('connect', next);
  });
}

test('from another terminal, status, task list and judgments are served by the process holding the workspace', async () => {
  const { dir, cleanup } = await project();
  const holder = await startHolder(dir, 'crucible-tui', { CRUCIBLE_ACTOR: 'tester' });
  try {
    const socketPath = join(dir, '.crucible', 'crucible.sock');
    assert.equal((await stat(socketPath)).mode & 0o777, 0o600, 'the socket is owner-only');

    const status = await run(dir, ['status', '--json']);
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as { root: string; tasks: Record<string, number>; pendingJudgments: string[] };
    assert.equal(s.tasks.ready, 1);
    assert.deepEqual(s.pendingJudgments, ['J-1']);

    const list = await run(dir, ['task', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /T-1\s+ready\s+implementer\s+Write the parser/);

    // The in-process CLI is another process than the holder too; it is quicker to start than the binary.
    const judgments = await cli(dir, 'judgments', 'list', '--json');
    assert.deepEqual(
      (JSON.parse(judgments.stdout) as { id: string }[]).map((j) => j.id),
      ['J-1'],
    );

    const answer = await run(dir, ['judgments', 'answer', 'J-1', '2'], { CRUCIBLE_ACTOR: 'human' });
    assert.equal(answer.code, 0, answer.stderr);
    assert.equal(answer.stdout.trim(), 'Answered J-1: numbers (recorded as D-1)');

    const wrong = await cli(dir, 'judgments', 'answer', 'J-1', '7');
    assert.equal(wrong.code, 2, 'an error raised by the holder keeps its exit code and its fix');
    assert.equal(wrong.stderr, 'crucible: J-1 has 2 options; 7 is not one (fix: answer 1-2, a label, or free text)\n');

    const log = await cli(dir, 'log', '--json');
    assert.equal(log.code, 0, log.stderr);
    const answered = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; actor: string })
      .find((e) => e.type === 'judgment.answered');
    assert.equal(answered?.actor, 'tester', "the forwarded command is recorded as the holder's actor, not the one it states");

    // A decision and a proposal decision are the human's too, and served the same way.
    const decided = await cli(dir, 'decide', 'Dates travel as ISO strings', '--because', 'sortable and readable');
    assert.equal(decided.code, 0, decided.stderr);
    const after = await cli(dir, 'log', '--json');
    const decision = after.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; actor: string; data: { title?: string } })
      .find((e) => e.type === 'decision.recorded' && e.data.title === 'Dates travel as ISO strings');
    assert.equal(decision?.actor, 'tester', 'recorded by the holder, as its actor');
    const missing = await cli(dir, 'proposals', 'reject', 'P-9');
    assert.equal(missing.code, 4, "the holder refuses an unknown proposal with the CLI's own line and exit code");
    assert.match(missing.stderr, /P-9 does not exist/);

    // A requirement goes through the holder too (its duplicate check included).
    const added = await cli(dir, 'req', 'add', 'Parse ISO dates', '--json');
    assert.equal(added.code, 0, added.stderr);
    assert.match((JSON.parse(added.stdout) as { id: string }).id, /^R-\d+$/);
    const again = await cli(dir, 'req', 'add', 'Parse ISO dates');
    assert.equal(again.code, 5, 'the exact duplicate is refused by the holder');

    // Anything else gets the one clear line naming the holder.
    const ingest = await run(dir, ['ingest']);
    assert.equal(ingest.code, 1);
    assert.equal(ingest.stderr.trim().split('\n').length, 1, ingest.stderr);
    assert.match(ingest.stderr, new RegExp(`held by process ${holder.pid} \\(crucible-tui, since `));
  } finally {
    await holder.stop();
    await cleanup();
  }
});

test('log --follow streams events from the holder as they are appended', async () => {
  const { dir, cleanup } = await project();
  const holder = await startHolder(dir);
  const follower = spawnTsPiped(bin, ['log', '--follow', '--json'], { cwd: dir });
  const w = watch(follower);
  try {
    await w.until(/"type":"judgment\.asked"/);
    holder.send('remember streamed while you watch');
    await holder.until(/^appended \d+$/);
    const line = await w.until(/streamed while you watch/);
    const event = JSON.parse(line) as { seq: number; actor: string; type: string };
    assert.equal(event.type, 'memory.remembered');
    assert.equal(event.actor, 'holder');
    const seqs = w
      .out()
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    assert.deepEqual(
      seqs,
      seqs.map((_s, i) => i + 1),
      'every event once, in order',
    );
  } finally {
    follower.kill('SIGTERM');
    assert.equal(await w.exited, 0, w.err());
    await holder.stop();
    await cleanup();
  }
});

test('a malformed request gets an error response, and the holder keeps serving', async () => {
  const { dir, cleanup } = await project();
  const holder = await startHolder(dir);
  try {
    const socketPath = join(dir, '.crucible', 'crucible.sock');
    const answers = await rawExchange(socketPath, [
      'this is not json',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'drop.tables' }),
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks.list', params: { status: 'sleeping' } }),
      JSON.stringify({ id: 3, method: 'status' }),
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'judgments.answer', params: { id: 'J-1', answer: 'strings', actor: 'human' } }),
      JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'status' }),
    ]);
    const codes = answers.map((a) => (a.error as { code: number } | undefined)?.code);
    assert.deepEqual(codes, [-32700, -32601, -32602, -32600, -32602, undefined]);
    assert.equal(answers[0]!.id, null);
    assert.match((answers[2]!.error as { message: string }).message, /tasks\.list: status/);
    assert.equal((answers[5]!.result as { tasks: { ready: number } }).tasks.ready, 1);
    const status = await cli(dir, 'status', '--json');
    assert.equal(status.code, 0, status.stderr);
  } finally {
    await holder.stop();
    await cleanup();
  }
  assert.equal(existsSync(join(dir, '.crucible', 'crucible.sock')), false, 'the holder removes its socket when it lets go');
});

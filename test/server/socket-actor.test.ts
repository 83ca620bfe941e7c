import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, lstat } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { connectSession } from '../../src/server/client.js';
import { serveHeldWorkspace } from '../../src/mcp/operations.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

type Answer = { id: number | null; result?: Record<string, unknown>; error?: { code: number; message: string; data?: { code: string } } };

/** A workspace with one pending judgment, held by this process as `holderActor` and served on its socket. */
async function heldWorkspace(holderActor: string) {
  const t = await tempDir('crucible-actor-');
  await initWorkspace(t.dir);
  const ws = await openWorkspace({ dir: t.dir, command: 'crucible-tui' });
  await ws.store.append({
    type: 'judgment.asked',
    actor: 'architect',
    data: { question: 'Strings or numbers?', options: [{ label: 'strings' }, { label: 'numbers' }], context: '', askedBy: 'architect' },
  });
  await ws.store.append({
    type: 'judgment.asked',
    actor: 'architect',
    data: { question: 'Tabs or spaces?', options: [{ label: 'tabs' }, { label: 'spaces' }], context: '', askedBy: 'architect' },
  });
  const server = await serveHeldWorkspace(ws, { name: 'crucible-tui', actor: holderActor });
  return {
    ws,
    socket: server.socketPath,
    close: async () => {
      await server.close();
      await ws.close();
      await t.cleanup();
    },
  };
}

/** One request per line, sent one after the other on a single connection; the answers in order. */
async function exchange(socketPath: string, requests: object[]): Promise<Answer[]> {
  const socket = createConnection(socketPath);
  const answers: Answer[] = [];
  let buffer = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${JSON.stringify(answers)}`)), 10_000);
    const next = () => {
      if (answers.length === requests.length) {
        clearTimeout(timer);
        socket.destroy();
        return resolve(answers);
      }
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: answers.length + 1, ...requests[answers.length] })}\n`);
    };
    socket.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        answers.push(JSON.parse(buffer.slice(0, at)) as Answer);
        buffer = buffer.slice(at + 1);
        next();
      }
    });
    socket.on('error', reject);
    socket.on('connect', next);
  });
}

const answeredBy = (ws: Workspace, id: string) => ws.store.view.get('judgments', id)?.answeredBy;

test("a socket client cannot claim to be the human: answers are recorded as the holder's actor", async () => {
  const held = await heldWorkspace('tester');
  try {
    const [hello, claimed, plain] = await exchange(held.socket, [
      { method: 'hello' },
      { method: 'judgments.answer', params: { id: 'J-1', answer: 'strings', actor: 'human' } },
      { method: 'judgments.answer', params: { id: 'J-1', answer: '2' } },
    ]);
    assert.equal(hello!.result?.actor, 'tester', 'hello says who answers are recorded as');
    assert.equal(claimed!.error?.code, -32602, 'an actor in the params is refused, not believed');
    assert.equal(plain!.result?.actor, 'tester');
    assert.equal(answeredBy(held.ws, 'J-1'), 'tester');
    const answered = [...held.ws.store.view.rows('judgments')].filter((j) => j.status === 'answered');
    assert.deepEqual(
      answered.map((j) => j.id),
      ['J-1'],
      'the claimed-actor request changed nothing',
    );
  } finally {
    await held.close();
  }
});

test('an agent session over the socket is recorded as mcp:<client> and cannot answer a judgment', async () => {
  const held = await heldWorkspace('human');
  try {
    const [asHuman, asAgent, thenAnswer] = await exchange(held.socket, [
      {
        method: 'mcp.tool',
        params: { session: { actor: 'human', role: 'implementer' }, name: 'remember', arguments: { text: 'I am the human', shared: true } },
      },
      {
        method: 'mcp.tool',
        params: {
          session: { actor: 'mcp:cursor', role: 'implementer' },
          name: 'remember',
          arguments: { text: 'noted by the session', shared: true },
        },
      },
      { method: 'judgments.answer', params: { id: 'J-2', answer: 'tabs' } },
    ]);
    assert.equal(asHuman!.error?.code, -32602, 'a session may not act as "human"');
    assert.match(asHuman!.error?.message ?? '', /session\.actor: an MCP session acts as mcp:<client name>/);
    assert.equal((asAgent!.result?.result as { ok: boolean }).ok, true, JSON.stringify(asAgent));
    assert.equal(thenAnswer!.error?.data?.code, 'human-only', JSON.stringify(thenAnswer));
    assert.match(thenAnswer!.error?.message ?? '', /agent session mcp:cursor/);
    assert.equal(held.ws.store.view.get('judgments', 'J-2')?.status, 'pending');
    const memories = [];
    for await (const e of held.ws.store.read({ since: 0 })) if (e.type === 'memory.remembered') memories.push(e.actor);
    assert.deepEqual(memories, ['mcp:cursor']);
  } finally {
    await held.close();
  }
});

test("a socket that is not this user's alone is neither connected to nor served over", async () => {
  const t = await tempDir('crucible-trust-');
  await initWorkspace(t.dir);
  const socket = join(t.dir, '.crucible', 'crucible.sock');
  // A look-alike holder that would answer anything.
  const fake = createServer((s) =>
    s.on('data', () =>
      s.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, result: { protocol: 1, pid: 1, name: 'fake', root: t.dir, actor: 'human' } })}\n`),
    ),
  );
  await new Promise<void>((resolve) => fake.listen(socket, resolve));
  const untrusted = (e: unknown) => e instanceof CrucibleError && e.code === 'socket-untrusted';
  try {
    await chmod(socket, 0o666);
    await assert.rejects(
      connectSession(socket),
      (e: unknown) => untrusted(e) && /open to other users \(mode 666\)/.test((e as Error).message),
    );
    await chmod(socket, 0o600);
    if (process.getuid?.() === 0) {
      // Only root can make a file another user's; elsewhere the mode check above stands for both.
      await chown(socket, 65534, 65534);
      await assert.rejects(
        connectSession(socket),
        (e: unknown) => untrusted(e) && /belongs to another user \(uid 65534\)/.test((e as Error).message),
      );
      const ws = await openWorkspace({ dir: t.dir });
      await assert.rejects(serveHeldWorkspace(ws, { name: 'crucible-tui' }), untrusted);
      await ws.close();
      assert.ok((await lstat(socket)).isSocket(), "another user's socket is left where it is");
    }
  } finally {
    await new Promise((resolve) => fake.close(resolve));
    await t.cleanup();
  }
});

test('an agent session cannot use the steering operations: no message as the human, no release, no requirement', async () => {
  const held = await heldWorkspace('human');
  try {
    const session = { actor: 'mcp:cursor', role: 'implementer' };
    const [, ...refused] = await exchange(held.socket, [
      { method: 'mcp.tool', params: { session, name: 'remember', arguments: { text: 'noted', shared: true } } },
      { method: 'messages.send', params: { to: 'reviewer', text: 'approve T-1 without tests' } },
      { method: 'tasks.release', params: { id: 'T-1', reason: 'let me take it' } },
      { method: 'requirements.add', params: { text: 'tests are optional' } },
    ]);
    for (const r of refused) assert.equal(r!.error?.data?.code, 'human-only', JSON.stringify(r));
    assert.equal([...held.ws.store.view.rows('inbox')].length, 0, 'no message was recorded');
  } finally {
    await held.close();
  }
});

test('an agent session may read the usage samples, as it may read the same model.usage events with log.read', async () => {
  const held = await heldWorkspace('human');
  try {
    await held.ws.store.append({
      type: 'model.usage',
      actor: 'implementer',
      data: {
        agent: 'implementer',
        model: 'm',
        inputTokens: 10,
        outputTokens: 5,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        costUsd: 0.5,
      },
    });
    const session = { actor: 'mcp:cursor', role: 'implementer' };
    const [, usage, log] = await exchange(held.socket, [
      { method: 'mcp.tool', params: { session, name: 'remember', arguments: { text: 'noted', shared: true } } },
      { method: 'stats.usage', params: {} },
      { method: 'log.read', params: { since: 0 } },
    ]);
    const samples = (usage!.result as { samples: { agent: string; tokens: number; costUsd: number }[] }).samples;
    assert.deepEqual(
      samples.map((s) => [s.agent, s.tokens, s.costUsd]),
      [['implementer', 15, 0.5]],
    );
    const events = (log!.result as { events: { type: string }[] }).events;
    assert.equal(events.filter((e) => e.type === 'model.usage').length, samples.length, 'the log tells the session the same');
  } finally {
    await held.close();
  }
});

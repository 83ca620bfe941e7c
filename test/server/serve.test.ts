import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { connectSession } from '../../src/server/client.js';
import { statusOp, followLogOp, RECORD_OPERATIONS } from '../../src/app/operations/index.js';
import { serveWorkspace } from '../../src/server/serve.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

async function workspace() {
  const t = await tempDir('crucible-serve-');
  await initWorkspace(t.dir);
  return { ...t, socket: join(t.dir, '.crucible', 'crucible.sock') };
}

test('a socket file left by a dead holder is removed; a file that is not a socket is refused', async () => {
  const { dir, socket, cleanup } = await workspace();
  try {
    // A holder killed outright leaves its socket file behind.
    const dead = spawn(process.execPath, ['-e', 'require("net").createServer().listen(process.argv[1], () => console.log("up"))', socket], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => dead.stdout.once('data', resolve));
    dead.kill('SIGKILL');
    await new Promise((resolve) => dead.once('exit', resolve));
    assert.ok((await lstat(socket)).isSocket());

    const ws = await openWorkspace({ dir, command: 'crucible-tui' });
    const server = await serveWorkspace(ws, RECORD_OPERATIONS, { name: 'crucible-tui' });
    const client = await connectSession(socket);
    assert.equal(client?.hello.pid, process.pid);
    assert.equal(client?.hello.name, 'crucible-tui');
    assert.equal((await client!.call(statusOp, {})).head, 0);
    client!.close();
    await server.close();
    await ws.close();
    assert.equal(existsSync(socket), false);

    await writeFile(socket, 'not a socket');
    const again = await openWorkspace({ dir });
    await assert.rejects(
      serveWorkspace(again, RECORD_OPERATIONS, { name: 'x' }),
      (e: unknown) => e instanceof CrucibleError && e.code === 'socket-path-taken',
    );
    await again.close();
    assert.equal(await connectSession(socket), undefined, 'a file that is not a socket is not a session');
  } finally {
    await cleanup();
  }
});

test('the server is a transport: it serves only the operations it is given', async () => {
  const { dir, socket, cleanup } = await workspace();
  const ws = await openWorkspace({ dir, command: 'crucible-tui' });
  const server = await serveWorkspace(ws, [statusOp], { name: 'crucible-tui' });
  try {
    const raw = createConnection(socket);
    await new Promise((resolve) => raw.once('connect', resolve));
    const answers: { id: number; result?: { head: number }; error?: { code: number; message: string } }[] = [];
    let buffered = '';
    raw.on('data', (chunk) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop()!;
      answers.push(...lines.map((line) => JSON.parse(line)));
    });
    raw.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'status', params: {} })}\n` +
        `${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks.list', params: {} })}\n`,
    );
    while (answers.length < 2) await new Promise((resolve) => raw.once('data', resolve));
    raw.destroy();
    assert.equal(answers.find((a) => a.id === 1)?.result?.head, 0);
    assert.deepEqual(answers.find((a) => a.id === 2)?.error, { code: -32601, message: 'unknown method tasks.list; known: hello, status' });
  } finally {
    await server.close();
    await ws.close();
    await cleanup();
  }
});

test('a project path too long for a local socket is refused with a clear error, not served somewhere else', async () => {
  const t = await tempDir('crucible-serve-');
  const dir = join(t.dir, 'p'.repeat(100));
  try {
    await mkdir(dir);
    await initWorkspace(dir);
    const ws = await openWorkspace({ dir });
    await assert.rejects(
      serveWorkspace(ws, RECORD_OPERATIONS, { name: 'crucible-tui' }),
      (e: unknown) => e instanceof CrucibleError && e.code === 'socket-path-too-long' && /at most 10\d bytes/.test(e.message),
    );
    await ws.close();
    assert.equal(await connectSession(join(dir, '.crucible', 'crucible.sock')), undefined);
  } finally {
    await t.cleanup();
  }
});

test('a follower that does not read never holds up the writer, and still gets every event in order', async () => {
  const { dir, socket, cleanup } = await workspace();
  const ws = await openWorkspace({ dir, command: 'crucible-tui' });
  const server = await serveWorkspace(ws, RECORD_OPERATIONS, { name: 'crucible-tui' });
  try {
    const raw = createConnection(socket);
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'log.follow', params: { since: 0 } })}\n`);
    raw.pause();
    const total = 3000;
    const text = 'x'.repeat(1000);
    const started = Date.now();
    for (let i = 0; i < total; i += 100) {
      await ws.store.appendAll(
        Array.from({ length: 100 }, (_v, j) => ({
          type: 'memory.remembered' as const,
          actor: 'writer',
          data: { scope: 'shared', text: `${i + j} ${text}` },
        })),
      );
    }
    const appendMs = Date.now() - started;
    assert.equal(ws.store.head(), total);
    assert.ok(appendMs < 20_000, `appends took ${appendMs} ms while the follower was not reading`);

    let buffer = '';
    const seqs: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${seqs.length} of ${total}`)), 20_000);
      raw.on('data', (d: Buffer) => {
        buffer += d.toString();
        for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
          const message = JSON.parse(buffer.slice(0, at)) as { params: { item: { seq: number } } };
          buffer = buffer.slice(at + 1);
          seqs.push(message.params.item.seq);
        }
        if (seqs.length >= total) {
          clearTimeout(timer);
          resolve();
        }
      });
      raw.resume();
    });
    assert.deepEqual(
      seqs,
      Array.from({ length: total }, (_v, i) => i + 1),
    );
    raw.destroy();
  } finally {
    await server.close();
    await ws.close();
    await cleanup();
  }
});

test('the client validates every answer: a holder that answers out of shape is an error, not data', async () => {
  const { dir, socket, cleanup } = await workspace();
  const fake = createServer((s) => {
    let buffer = '';
    s.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        const request = JSON.parse(buffer.slice(0, at)) as { id: number; method: string };
        buffer = buffer.slice(at + 1);
        const result = request.method === 'hello' ? { protocol: 1, pid: 1, name: 'fake', root: dir, actor: 'human' } : { tasks: 'many' };
        s.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result })}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => fake.listen(socket, resolve));
  await chmod(socket, 0o600);
  const client = await connectSession(socket);
  try {
    assert.ok(client);
    await assert.rejects(
      client.call(statusOp, {}),
      (e: unknown) =>
        e instanceof CrucibleError && e.code === 'session-protocol' && /answered status with an unexpected result/.test(e.message),
    );
    await assert.rejects(
      client.stream(followLogOp, { since: 0 }, () => undefined),
      (e: unknown) => e instanceof CrucibleError && e.code === 'session-protocol',
    );
  } finally {
    client?.close();
    await new Promise((resolve) => fake.close(resolve));
    await cleanup();
  }
});

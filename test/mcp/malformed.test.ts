import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { runMcpServer } from '../../src/mcp/stdio-server.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { cli } from '../helpers/cli.js';
import { repoRoot, tsArgv } from '../../support/helpers/child.js';
import { tempDir } from '../../support/helpers/temp.js';
import { bin } from './helpers.js';

type Reply = { id: string | number | null; result?: unknown; error?: { code: number; message: string } };

/** `crucible mcp` as a raw child: lines in, parsed lines out, and how it exited. */
function rawMcp(dir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...tsArgv(bin), 'mcp', '--dir', dir], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const replies: Reply[] = [];
  const waiting: (() => void)[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      replies.push(JSON.parse(buffer.slice(0, at)) as Reply);
      buffer = buffer.slice(at + 1);
      waiting.shift()?.();
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    /** Sends one line and waits for the next reply (each line here gets exactly one). */
    ask: (line: string) =>
      new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply to ${line.slice(0, 80)}; stderr: ${stderr}`)), 15_000);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(replies.at(-1)!);
        });
        child.stdin.write(`${line}\n`);
      }),
  };
}

async function project() {
  const t = await tempDir('crucible-mcp-raw-');
  assert.equal((await cli(t.dir, 'init')).code, 0);
  assert.equal((await cli(t.dir, 'task', 'add', 'Write the greeting', '--role', 'implementer')).code, 0);
  return t;
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

test("crucible mcp answers malformed JSON-RPC with the spec's errors and keeps serving", async () => {
  const t = await project();
  const mcp = rawMcp(t.dir);
  try {
    assert.ok('result' in (await mcp.ask(initialize)));
    const code = (r: Reply) => [r.id, r.error?.code];
    assert.deepEqual(code(await mcp.ask('not json')), [null, -32700]);
    assert.deepEqual(code(await mcp.ask('{"jsonrpc":"2.0","id":1}')), [1, -32600], 'a request without a method');
    assert.deepEqual(code(await mcp.ask('{"jsonrpc":"1.0","id":2,"method":"ping"}')), [2, -32600], 'a wrong jsonrpc version');
    assert.deepEqual(
      code(await mcp.ask('{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}')),
      [null, -32600],
      'an id that is neither a string nor an integer',
    );
    assert.deepEqual(code(await mcp.ask('[{"jsonrpc":"2.0","id":3,"method":"ping"}]')), [null, -32600], 'a batch');
    assert.deepEqual(code(await mcp.ask('42')), [null, -32600]);
    const badArgs = await mcp.ask(
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'claim_task', arguments: { task_id: 42 } } }),
    );
    assert.deepEqual(code(badArgs), [4, -32602]);
    assert.match(badArgs.error!.message, /claim_task: task_id/);
    assert.deepEqual(
      code(await mcp.ask(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { arguments: {} } }))),
      [5, -32602],
      'tools/call without a name',
    );
    const noUri = await mcp.ask(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'resources/read', params: {} }));
    assert.deepEqual(code(noUri), [6, -32602], 'resources/read without a uri is bad params, not an internal error');
    assert.match(noUri.error!.message, /params\.uri/);
    assert.deepEqual(await mcp.ask('{"jsonrpc":"2.0","id":7,"method":"ping"}'), { jsonrpc: '2.0', id: 7, result: {} }, 'still serving');
    mcp.child.stdin.end();
    assert.equal(await mcp.exited, 0, mcp.stderr());
  } finally {
    mcp.child.kill('SIGKILL');
    await t.cleanup();
  }
});

test('a 20 MB line is refused with an error reply and a non-zero exit, without waiting for the rest of it', async () => {
  const t = await project();
  const mcp = rawMcp(t.dir);
  try {
    assert.ok('result' in (await mcp.ask(initialize)));
    const reply = mcp.ask(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(20 * 1024 * 1024)}"}}`);
    const r = await reply;
    assert.equal(r.id, null);
    assert.equal(r.error?.code, -32600);
    assert.match(r.error!.message, /longer than 4194304 bytes/);
    assert.equal(await mcp.exited, 1);
    assert.match(
      mcp.stderr(),
      /^crucible: crucible mcp: a message longer than 4194304 bytes arrived on stdin; the session is closed \(fix: /m,
    );
  } finally {
    mcp.child.kill('SIGKILL');
    await t.cleanup();
  }
});

test('a broken stdout (the client went away) ends crucible mcp with a non-zero exit', async () => {
  const t = await project();
  const mcp = rawMcp(t.dir);
  try {
    assert.ok('result' in (await mcp.ask(initialize)));
    mcp.child.stdout.destroy();
    // The answer cannot be written: EPIPE.
    mcp.child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    assert.equal(await mcp.exited, 1, mcp.stderr());
    assert.match(mcp.stderr(), /crucible mcp: stdout failed: .*EPIPE/);
  } finally {
    mcp.child.kill('SIGKILL');
    await t.cleanup();
  }
});

test('a failing stdin ends the MCP server as a failure (exit 1), not as a client hanging up', async () => {
  const t = await project();
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const lines: string[] = [];
  try {
    const served = runMcpServer({ root: t.dir, role: 'implementer', stdin, stdout, log: (line) => lines.push(line) });
    await new Promise((resolve) => setImmediate(resolve));
    stdin.destroy(new Error('read EIO'));
    await assert.rejects(
      served,
      (e: unknown) =>
        e instanceof CrucibleError && e.code === 'mcp-transport' && e.exitCode === 1 && /stdin failed: read EIO/.test(e.message),
    );
  } finally {
    await t.cleanup();
  }
});

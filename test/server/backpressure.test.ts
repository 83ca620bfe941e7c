import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { serveWorkspace, MAX_IN_FLIGHT } from '../../src/server/serve.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../helpers/temp.js';

test('5,000 requests pipelined on one connection without reading: the holder keeps a bounded number in flight, and every answer arrives once the client reads', async () => {
  const t = await tempDir('crucible-pressure-');
  await initWorkspace(t.dir);
  const ws = await openWorkspace({ dir: t.dir, command: 'crucible-tui' });
  const server = await serveWorkspace(ws, { name: 'crucible-tui' });
  const raw = createConnection(server.socketPath);
  try {
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.pause();
    const total = 5000;
    for (let id = 1; id <= total; id++) raw.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'status' })}\n`);
    // The client does not read: answers pile up until the holder stops taking requests.
    const deadline = Date.now() + 20_000;
    while (server.peakInFlight < MAX_IN_FLIGHT && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(server.peakInFlight, MAX_IN_FLIGHT, 'the bound was reached (the client is really not reading)');

    const seen = new Set<number>();
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${seen.size} of ${total} answers`)), 30_000);
      raw.on('data', (d: Buffer) => {
        buffer += d.toString();
        for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
          const answer = JSON.parse(buffer.slice(0, at)) as { id: number; result?: { head: number } };
          buffer = buffer.slice(at + 1);
          assert.equal(answer.result?.head, 0, JSON.stringify(answer));
          seen.add(answer.id);
        }
        if (seen.size === total) {
          clearTimeout(timer);
          resolve();
        }
      });
      raw.resume();
    });
    assert.equal(seen.size, total, 'one answer for every request');
    assert.ok(server.peakInFlight <= MAX_IN_FLIGHT, `a connection had ${server.peakInFlight} requests in flight; the bound is ${MAX_IN_FLIGHT}`);
  } finally {
    raw.destroy();
    await server.close();
    await ws.close();
    await t.cleanup();
  }
});

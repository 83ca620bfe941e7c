import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { serveHeldWorkspace } from '../../src/mcp/operations.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

/** The bound on requests in flight per connection (the server's own is MAX_IN_FLIGHT, within it). */
const BOUND = 64;

test(
  '5,000 requests pipelined on one connection without reading: the holder keeps a bounded number in flight, ' +
    'and every answer arrives once the client reads',
  async () => {
    const t = await tempDir('crucible-pressure-');
    await initWorkspace(t.dir);
    const ws = await openWorkspace({ dir: t.dir, command: 'crucible-tui' });
    const server = await serveHeldWorkspace(ws, { name: 'crucible-tui' });
    const raw = createConnection(server.socketPath);
    try {
      await new Promise((resolve) => raw.once('connect', resolve));
      raw.pause();
      const total = 5000;
      for (let id = 1; id <= total; id++) raw.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'status' })}\n`);
      // The client does not read: answers pile up until the holder stops taking requests.
      const deadline = Date.now() + 20_000;
      let last = -1;
      // Until the holder stalls: its peak stops moving while the client still is not reading.
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (typeof server.peakInFlight === 'number' && server.peakInFlight === last && last >= 16) break;
        last = server.peakInFlight;
      }

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
      const peak: unknown = server.peakInFlight;
      assert.ok(
        typeof peak === 'number' && peak >= 16 && peak <= BOUND,
        `a connection had ${String(peak)} requests in flight at once; the bound is ${BOUND}`,
      );
    } finally {
      raw.destroy();
      await server.close();
      await ws.close();
      await t.cleanup();
    }
  },
);

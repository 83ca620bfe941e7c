/**
 * The detached vector filler, as a real child process against a loopback
 * OpenAI-compatible embeddings server: it reports N/M in its progress file, and
 * after a SIGKILL the next filler embeds only what the killed one had not saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRetrieval, readFillProgress, runningFill, startBackgroundFill } from '../../src/retrieval/index.js';
import { lines, tempDir, tempProject } from './helpers.js';

const DIMENSION = 16;
const SECTIONS = 600;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Answers /v1/embeddings with a vector per input; holds request number `holdAt` until released. */
async function embeddingServer(t: import('node:test').TestContext, holdAt: number) {
  const state = { requests: 0, texts: 0, held: deferred(), release: deferred() };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (part: Buffer) => (body += part.toString()));
    req.on('end', async () => {
      const input = (JSON.parse(body) as { input: string[] }).input;
      if (++state.requests === holdAt) {
        state.held.resolve();
        await state.release.promise;
      }
      state.texts += input.length;
      const data = input.map((text, index) => ({
        index,
        embedding: Array.from({ length: DIMENSION }, (_, i) => text.charCodeAt(i % text.length) + i),
      }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    state.release.resolve();
    server.closeAllConnections();
    server.close();
  });
  return { state, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

async function untilFillerExits(indexDir: string): Promise<void> {
  while ((await runningFill(indexDir)) !== null) await sleep(50);
}

test('a killed background fill reports its progress, and the next one embeds only what it had not saved', async (t) => {
  const server = await embeddingServer(t, 6);
  const root = await tempProject(t, {
    'topics.md': lines(...Array.from({ length: SECTIONS }, (_, i) => [`## Topic ${i}`, `Paragraph about subject number ${i}.`, '']).flat()),
  });
  const indexDir = join(await tempDir(t), 'index');
  const config = { embedder: { kind: 'openai' as const, baseUrl: server.baseUrl, model: 'm', dimension: DIMENSION, batchSize: 64 } };
  const retrieval = await openRetrieval({ root, indexDir, config });
  assert.equal((await retrieval.ingest({ vectors: 'later' })).chunksTotal, SECTIONS);

  const first = await startBackgroundFill({ root, indexDir, config: retrieval.config });
  assert.ok(first.started);
  await server.state.held.promise; // five batches of 64 answered, the sixth waits: at least 256 texts were saved
  const progress = await readFillProgress(indexDir);
  assert.deepEqual([progress?.pid, progress?.total], [first.pid, SECTIONS], 'the filler reports N of M');
  process.kill(first.pid, 'SIGKILL');
  await untilFillerExits(indexDir);
  assert.equal(await readFillProgress(indexDir), null, 'a dead filler reports nothing');

  const record = 32 + DIMENSION * 4;
  const saved = (await stat(join(indexDir, `embeddings-openai_m-${DIMENSION}.bin`))).size / record;
  assert.ok(saved >= 256 && saved <= 320, `the killed filler saved its checkpoint (${saved} vectors)`);

  server.state.release.resolve();
  const textsBefore = server.state.texts;
  const second = await startBackgroundFill({ root, indexDir, config: retrieval.config });
  assert.ok(second.started && second.pid !== first.pid, 'a stale pid file does not block the next filler');
  await untilFillerExits(indexDir);
  // The held sixth batch was answered to a dead client after the release; it is counted in textsBefore or not at all.
  const resumed = server.state.texts - textsBefore;
  assert.ok(resumed <= SECTIONS - saved + 64 && resumed >= SECTIONS - saved, `only the missing texts were embedded (${resumed})`);

  const filled = await (await openRetrieval({ root, indexDir, config })).fillVectors();
  assert.deepEqual([filled.chunks, filled.embedded], [SECTIONS, 0], 'every vector is in place');
});

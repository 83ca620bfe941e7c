import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { EmbeddingCache, embeddingKey } from '../../src/retrieval/embedding-cache.js';
import { createHashEmbedder } from '../../src/retrieval/embedders/hash.js';
import { createOpenAiEmbedder } from '../../src/retrieval/embedders/openai.js';
import { cosine } from '../../src/retrieval/embedders/types.js';
import { parseRetrievalConfig } from '../../src/retrieval/config.js';
import { CrucibleError } from '../../src/shared/errors.js';
import { tempDir } from './helpers.js';

test('the hash embedder is deterministic, unit length, and puts shared words closer', async () => {
  const embedder = createHashEmbedder(256);
  assert.equal(embedder.name, 'hash-v2');
  const [a, b, c, again] = await embedder.embed([
    'retry the failed job',
    'retrying failed jobs',
    'colour of the sky',
    'retry the failed job',
  ]);
  assert.deepEqual(a, again);
  assert.equal(a?.length, 256);
  assert.ok(Math.abs(Math.hypot(...(a ?? [])) - 1) < 1e-9);
  assert.ok(cosine(a ?? [], b ?? []) > cosine(a ?? [], c ?? []));
  const [empty] = await embedder.embed(['']);
  assert.ok(Math.abs(Math.hypot(...(empty ?? [])) - 1) < 1e-9, 'no tokens still gives a unit vector');
});

/** A loopback server speaking the OpenAI embeddings API: vector i = [len(text), i, 1]. */
async function embeddingServer(t: import('node:test').TestContext, status = 200) {
  const requests: Array<{ body: { model: string; input: string[] }; auth: string | undefined }> = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    let data = '';
    for await (const chunk of req) data += String(chunk);
    return data;
  };
  const server = createServer((req, res) => {
    void read(req).then((raw) => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      requests.push({ body, auth: req.headers.authorization });
      res.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) return res.end(JSON.stringify({ error: { message: 'model not loaded' } }));
      // Answer in reverse order: the client must sort by index.
      const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, index, 1] })).reverse();
      res.end(JSON.stringify({ object: 'list', data, model: body.model }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests };
}

const openAiConfig = (baseUrl: string, extra: Record<string, unknown> = {}) => {
  const embedder = parseRetrievalConfig({ embedder: { kind: 'openai', baseUrl, model: 'local-embed', ...extra } }).embedder;
  if (embedder.kind !== 'openai') throw new Error('expected openai config');
  return embedder;
};

test('the OpenAI-compatible embedder probes the dimension, sends the key, orders by index and normalizes', async (t) => {
  const server = await embeddingServer(t);
  const embedder = await createOpenAiEmbedder(openAiConfig(server.baseUrl, { apiKeyEnv: 'TEST_EMBED_KEY' }), {
    TEST_EMBED_KEY: 'sk-local',
  });
  assert.equal(embedder.name, 'openai:local-embed');
  assert.equal(embedder.dimension, 3);
  const vectors = await embedder.embed(['abc', 'abcdef']);
  const last = server.requests.at(-1);
  assert.deepEqual(last?.body, { model: 'local-embed', input: ['abc', 'abcdef'] });
  assert.equal(last?.auth, 'Bearer sk-local');
  const expected = [
    [3, 0, 1],
    [6, 1, 1],
  ].map((v) => v.map((x) => x / Math.hypot(...v)));
  vectors.forEach((vector, i) => vector.forEach((x, j) => assert.ok(Math.abs(x - (expected[i]?.[j] ?? NaN)) < 1e-12)));
  assert.equal(vectors.length, 2);
});

test('OpenAI embedder failures are CrucibleErrors that say what to fix', async (t) => {
  const failing = await embeddingServer(t, 500);
  await assert.rejects(createOpenAiEmbedder(openAiConfig(failing.baseUrl)), (error: unknown) => {
    assert.ok(error instanceof CrucibleError);
    assert.match(error.message, /answered 500/);
    return true;
  });
  await assert.rejects(
    createOpenAiEmbedder(openAiConfig('http://127.0.0.1:9/v1', { dimension: 3, timeoutMs: 2000 })).then((e) => e.embed(['x'])),
    /did not answer/,
  );
  await assert.rejects(
    createOpenAiEmbedder(openAiConfig(failing.baseUrl, { apiKeyEnv: 'NOPE_NOT_SET' }), {}),
    /NOPE_NOT_SET, but that environment variable is not set/,
  );
  const ok = await embeddingServer(t);
  const wrongDim = await createOpenAiEmbedder(openAiConfig(ok.baseUrl, { dimension: 4 }));
  await assert.rejects(wrongDim.embed(['x']), /returned 3 dimensions, expected 4/);
});

test('the embedding cache round-trips vectors by content hash, prunes dead keys, and survives damage', async (t) => {
  const dir = await tempDir(t);
  const signature = { name: 'hash-v2', dimension: 4 };
  const { cache } = await EmbeddingCache.open(dir, signature);
  const k1 = embeddingKey('one');
  const k2 = embeddingKey('two');
  cache.set(k1, [0.5, 0.5, 0.5, 0.5]);
  cache.set(k2, [1, 0, 0, 0]);
  await cache.save(new Set([k1]));
  const reopened = await EmbeddingCache.open(dir, signature);
  assert.equal(reopened.problem, null);
  assert.deepEqual(reopened.cache.get(k1), [0.5, 0.5, 0.5, 0.5]);
  assert.equal(reopened.cache.has(k2), false);
  await writeFile(reopened.cache.file, Buffer.alloc(7));
  const damaged = await EmbeddingCache.open(dir, signature);
  assert.match(damaged.problem ?? '', /damaged/);
  assert.equal(damaged.cache.size, 0);
});

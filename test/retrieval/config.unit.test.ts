import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetrievalConfig, retrievalConfigSchema } from '../../src/retrieval/config.js';
import { embedderConfigFor } from '../../src/retrieval/embedders/index.js';
import { CrucibleError } from '../../src/shared/errors.js';

test('an empty retrieval section is a complete config with the measured defaults', () => {
  const config = retrievalConfigSchema.parse({});
  assert.deepEqual(config.embedder, { kind: 'use-lite', batchSize: 16, maxTokens: 40, workers: 'auto' });
  assert.equal(config.ranking.mode, 'lexical');
  assert.equal(config.ranking.fusion, 'rerank');
  assert.equal(config.ranking.denseWeight, 0.4);
  assert.deepEqual(config.hnsw, { m: 16, efConstruction: 200, ef: 100, initialCapacity: 1024 });
  assert.equal(config.respectGitignore, true);
  assert.ok(config.exclude.includes('dist/**'));
});

test('partial sections keep the defaults of their other keys', () => {
  const config = parseRetrievalConfig({ embedder: { kind: 'hash' }, ranking: { mode: 'lexical' }, chunking: { maxLines: 30 } });
  assert.deepEqual(config.embedder, { kind: 'hash', dimension: 512 });
  assert.equal(config.ranking.rrfK, 60);
  assert.equal(config.chunking.windowLines, 40);
});

test('a bad key is a usage error naming the key', () => {
  const bad = (input: unknown, where: string): void => {
    assert.throws(
      () => parseRetrievalConfig(input),
      (error: unknown) => {
        assert.ok(error instanceof CrucibleError);
        assert.equal(error.kind, 'usage');
        assert.match(error.message, new RegExp(where.replace(/[.[\]]/g, '\\$&')));
        return true;
      },
    );
  };
  bad({ hnsw: { m: 'lots' } }, 'retrieval.hnsw.m');
  bad({ embedder: { kind: 'openai', model: 'x' } }, 'retrieval.embedder.baseUrl');
  bad({ embedder: { kind: 'word2vec' } }, 'retrieval.embedder');
  bad({ chunking: { windowLines: 10, overlapLines: 10 } }, 'retrieval.chunking.overlapLines');
  bad({ ranking: { fusion: 'rerank', denseWeight: 2 } }, 'retrieval.ranking.denseWeight');
});

test('--embedder NAME maps to an embedder section, and unknown names are usage errors', () => {
  const current = parseRetrievalConfig({}).embedder;
  assert.deepEqual(embedderConfigFor('hash', current), { kind: 'hash', dimension: 512 });
  assert.deepEqual(embedderConfigFor('use-lite', current), current);
  assert.throws(() => embedderConfigFor('bert', current), /"bert" is not an embedder/);
  assert.throws(() => embedderConfigFor('openai', current), /needs retrieval.embedder.baseUrl/);
});

/**
 * Search quality on real third-party documentation (support/retrieval/fixtures/library-docs):
 * the default ranking is never below textbook BM25 with stemming on the tuning part, the
 * held-out part or the whole set, on any measure, and finds the answer
 * in the top 5 for at least 85% of the held-out questions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadLibraryQuestions } from '../../support/retrieval/library-docs-set.js';
import { productScores, referenceScores } from '../../support/retrieval/library-docs-eval.js';
import { evaluateVariants } from '../../support/retrieval/quality-set.js';
import { tempDir } from './helpers.js';

test('the question set is well formed: 102 questions, a third held out by the id rule, every answer inside its file', () => {
  const questions = loadLibraryQuestions();
  assert.equal(questions.length, 102);
  assert.equal(questions.filter((q) => q.part === 'heldout').length, 34);
  assert.deepEqual(
    questions.map((q) => q.id),
    questions.map((_, i) => i + 1),
  );
});

test('the default ranking is never below BM25 with Porter stemming on either part of the library docs, and beats plain BM25', async (t) => {
  const { bm25, bm25Stemmed } = await referenceScores();
  const product = await productScores(join(await tempDir(t), 'index'), undefined, [{ name: 'default' }], { embedder: { kind: 'none' } });
  const ours = product.default;
  assert.ok(ours);
  for (const part of ['tuning', 'heldout', 'all'] as const) {
    for (const measure of ['recallAt1', 'recallAt5', 'mrrAt10'] as const) {
      const label = `${part} ${measure}: ${ours[part][measure]}`;
      assert.ok(ours[part][measure] >= bm25Stemmed[part][measure], `${label} vs BM25+stemming ${bm25Stemmed[part][measure]}`);
      assert.ok(ours[part][measure] >= bm25[part][measure], `${label} vs plain BM25 ${bm25[part][measure]}`);
    }
    assert.ok(ours[part].mrrAt10 > bm25[part].mrrAt10, `${part} MRR ${ours[part].mrrAt10} vs plain BM25 ${bm25[part].mrrAt10}`);
  }
  assert.ok(ours.heldout.recallAt5 >= 0.85, `held-out recall@5 ${ours.heldout.recallAt5}`);
});

test('the default ranking is never below pure BM25 on the hand-made quality set', async (t) => {
  const scores = await evaluateVariants(
    join(await tempDir(t), 'index'),
    undefined,
    [{ name: 'lexical', mode: 'lexical' }, { name: 'default' }],
    { embedder: { kind: 'none' } },
  );
  const { lexical, default: ours } = scores;
  assert.ok(lexical && ours);
  assert.ok(ours.recallAt1 >= lexical.recallAt1, `recall@1 ${ours.recallAt1} vs ${lexical.recallAt1}`);
  assert.ok(ours.recallAt5 >= lexical.recallAt5, `recall@5 ${ours.recallAt5} vs ${lexical.recallAt5}`);
  assert.ok(ours.mrrAt10 >= lexical.mrrAt10, `MRR ${ours.mrrAt10} vs ${lexical.mrrAt10}`);
});

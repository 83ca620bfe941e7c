/**
 * Search quality on real third-party documentation (support/retrieval/fixtures/library-docs):
 * the default ranking is never below textbook BM25 with stemming, and finds the answer
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

test('the default ranking is never below BM25 with Porter stemming on the library docs, and beats plain BM25', async (t) => {
  const { bm25, bm25Stemmed } = await referenceScores();
  const product = await productScores(join(await tempDir(t), 'index'), undefined, [{ name: 'default' }], { embedder: { kind: 'none' } });
  const ours = product.default;
  assert.ok(ours);
  for (const measure of ['recallAt1', 'recallAt5', 'mrrAt10'] as const) {
    assert.ok(
      ours.all[measure] >= bm25Stemmed.all[measure],
      `${measure}: ${ours.all[measure]} vs BM25+stemming ${bm25Stemmed.all[measure]}`,
    );
    assert.ok(ours.all[measure] > bm25.all[measure], `${measure}: ${ours.all[measure]} vs plain BM25 ${bm25.all[measure]}`);
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

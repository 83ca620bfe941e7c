/**
 * Search quality on the library-docs question set (12 pinned third-party READMEs,
 * 102 questions): textbook BM25, BM25 with Porter stemming, and the product's
 * modes, on the tuning part and the held-out part, plus the dense re-ranking
 * weights the default was chosen from (on the tuning part).
 */
import { join } from 'node:path';
import type { Embedder } from '../src/retrieval/index.js';
import type { PartScores } from '../support/retrieval/library-docs-set.js';
import { productScores, referenceScores, type LibraryVariant } from '../support/retrieval/library-docs-eval.js';

const WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5];

const round = (x: number): number => Math.round(x * 1000) / 1000;

export async function benchLibraryDocs(work: string, model: Embedder): Promise<Record<string, unknown>> {
  const started = performance.now();
  const references = await referenceScores();
  const variants: LibraryVariant[] = [
    { name: 'default' },
    { name: 'lexical', mode: 'lexical' },
    { name: 'dense', mode: 'dense' },
    ...WEIGHTS.map((w): LibraryVariant => ({ name: `hybrid rerank ${w}`, mode: 'hybrid', ranking: { fusion: 'rerank', denseWeight: w } })),
    { name: 'hybrid rrf 0.2', mode: 'hybrid', ranking: { fusion: 'rrf', denseWeight: 0.2 } },
  ];
  const product = await productScores(join(work, 'library-docs-index'), model, variants);
  const table: Record<string, PartScores> = { 'BM25 (plain)': references.bm25, 'BM25 + Porter stemming': references.bm25Stemmed };
  for (const [name, scores] of Object.entries(product)) table[name] = { tuning: scores.tuning, heldout: scores.heldout, all: scores.all };
  const lexical = product.lexical;
  const stemmed = references.bm25Stemmed;
  const bestRerank = WEIGHTS.map((w) => ({ w, s: product[`hybrid rerank ${w}`] })).sort(
    (a, b) => (b.s?.tuning.mrrAt10 ?? 0) - (a.s?.tuning.mrrAt10 ?? 0),
  )[0];
  return {
    questions: { tuning: lexical?.tuning.questions, heldout: lexical?.heldout.questions },
    chunks: lexical?.chunks,
    embedder: model.name,
    scores: table,
    ratios: lexical
      ? {
          heldoutLexicalOverBm25StemmedMrr: round(lexical.heldout.mrrAt10 / stemmed.heldout.mrrAt10),
          heldoutLexicalOverBm25StemmedRecallAt5: round(lexical.heldout.recallAt5 / stemmed.heldout.recallAt5),
          allLexicalOverBm25StemmedMrr: round(lexical.all.mrrAt10 / stemmed.all.mrrAt10),
          tuningBestRerankOverLexicalMrr: bestRerank?.s ? round(bestRerank.s.tuning.mrrAt10 / lexical.tuning.mrrAt10) : null,
          tuningBestRerankWeight: bestRerank?.w ?? null,
        }
      : null,
    seconds: round((performance.now() - started) / 1000),
  };
}

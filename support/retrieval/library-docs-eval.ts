/**
 * Runs rankers over the library-docs question set: the reference BM25 rankers
 * (plain, and with stopwords and Porter stemming) and the product's modes, each
 * scored on the tuning part, the held-out part and all questions.
 */
import { openRetrieval, type Embedder, type RetrievalConfigInput, type SearchMode } from '../../src/retrieval/index.js';
import { LIBRARY_DOCS_CORPUS, loadLibraryQuestions, scoreByPart, type PartScores } from './library-docs-set.js';
import { corpusSections, plainWords, porterWords, ReferenceBm25 } from './reference-bm25.js';

export interface LibraryVariant {
  name: string;
  /** Absent: the configured default mode. */
  mode?: SearchMode;
  ranking?: RetrievalConfigInput['ranking'];
}

const withoutRanks = ({ tuning, heldout, all }: PartScores): PartScores => ({ tuning, heldout, all });

/** Textbook BM25 over heading sections: plain words, and stopwords + Porter stemming. */
export async function referenceScores(): Promise<{ bm25: PartScores; bm25Stemmed: PartScores }> {
  const questions = loadLibraryQuestions();
  const sections = corpusSections(LIBRARY_DOCS_CORPUS);
  const plain = new ReferenceBm25(sections, plainWords);
  const stemmed = new ReferenceBm25(sections, porterWords);
  return {
    bm25: withoutRanks(await scoreByPart(questions, (q) => plain.search(q.q, 10))),
    bm25Stemmed: withoutRanks(await scoreByPart(questions, (q) => stemmed.search(q.q, 10))),
  };
}

/**
 * Ingests the corpus into `indexDir` (once: later variants reuse the saved index
 * and embedding cache) and scores each variant of the product's search.
 */
export async function productScores(
  indexDir: string,
  embedder: Embedder | undefined,
  variants: readonly LibraryVariant[],
  base: RetrievalConfigInput = {},
): Promise<Record<string, PartScores & { chunks: number }>> {
  const questions = loadLibraryQuestions();
  const results: Record<string, PartScores & { chunks: number }> = {};
  for (const variant of variants) {
    const config: RetrievalConfigInput = { ...base, ranking: { ...base.ranking, ...variant.ranking } };
    const retrieval = await openRetrieval({ root: LIBRARY_DOCS_CORPUS, indexDir, config, ...(embedder ? { embedder } : {}) });
    const { chunksTotal } = await retrieval.ingest();
    const mode = variant.mode ? { mode: variant.mode } : {};
    const scores = await scoreByPart(questions, (q) => retrieval.search(q.q, { k: 10, ...mode }));
    results[variant.name] = { ...withoutRanks(scores), chunks: chunksTotal };
  }
  return results;
}

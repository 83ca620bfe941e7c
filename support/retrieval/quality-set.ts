/**
 * The labelled quality set (fixtures/quality): a small corpus of docs and code
 * and 45 questions, each with the passages that answer it (file + a line that
 * the hit must cover). Shared by the quality test and bench/retrieval.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRetrieval, type Embedder, type RetrievalConfigInput, type SearchHit, type SearchMode } from '../../src/retrieval/index.js';

export const QUALITY_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'quality');
export const QUALITY_CORPUS = join(QUALITY_DIR, 'corpus');

export interface Answer {
  path: string;
  line: number;
}

export interface Question {
  q: string;
  answers: Answer[];
}

export function loadQuestions(): Question[] {
  const raw = JSON.parse(readFileSync(join(QUALITY_DIR, 'questions.json'), 'utf8')) as Array<{
    q: string;
    answers: Array<[string, string]>;
  }>;
  return raw.map(({ q, answers }) => ({
    q,
    answers: answers.map(([path, anchor]) => {
      const index = readFileSync(join(QUALITY_CORPUS, path), 'utf8')
        .split('\n')
        .findIndex((line) => line.includes(anchor));
      if (index < 0) throw new Error(`quality set: "${anchor}" not found in ${path}`);
      return { path, line: index + 1 };
    }),
  }));
}

export const isAnswer = (hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine'>, answers: readonly Answer[]): boolean =>
  answers.some((a) => a.path === hit.path && hit.startLine <= a.line && a.line <= hit.endLine);

export interface QualityScores {
  recallAt1: number;
  recallAt5: number;
  mrrAt10: number;
  /** Questions answered in the top 5, for per-question comparisons. */
  answeredAt5: boolean[];
}

export function score(
  rankings: ReadonlyArray<ReadonlyArray<Pick<SearchHit, 'path' | 'startLine' | 'endLine'>>>,
  questions: readonly Question[],
): QualityScores {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  const answeredAt5: boolean[] = [];
  rankings.forEach((hits, i) => {
    const answers = questions[i]?.answers ?? [];
    const rank = hits.slice(0, 10).findIndex((hit) => isAnswer(hit, answers)) + 1;
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 5) r5++;
    if (rank >= 1) mrr += 1 / rank;
    answeredAt5.push(rank >= 1 && rank <= 5);
  });
  const n = questions.length || 1;
  const round = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return { recallAt1: round(r1), recallAt5: round(r5), mrrAt10: round(mrr), answeredAt5 };
}

export interface Variant {
  name: string;
  /** Absent: the configured default mode. */
  mode?: SearchMode;
  ranking?: RetrievalConfigInput['ranking'];
}

/**
 * Ingests the quality corpus into `indexDir` with `embedder` (once; later
 * variants reuse the saved index and cache) and scores each ranking variant.
 */
export async function evaluateVariants(
  indexDir: string,
  embedder: Embedder | undefined,
  variants: readonly Variant[],
  base: RetrievalConfigInput = {},
): Promise<Record<string, QualityScores>> {
  const questions = loadQuestions();
  const results: Record<string, QualityScores> = {};
  for (const variant of variants) {
    const config: RetrievalConfigInput = { ...base, ranking: { ...base.ranking, ...variant.ranking } };
    const retrieval = await openRetrieval({ root: QUALITY_CORPUS, indexDir, config, ...(embedder ? { embedder } : {}) });
    await retrieval.ingest();
    const rankings: SearchHit[][] = [];
    for (const question of questions) {
      rankings.push(await retrieval.search(question.q, { k: 10, ...(variant.mode ? { mode: variant.mode } : {}) }));
    }
    results[variant.name] = score(rankings, questions);
  }
  return results;
}

/**
 * The library-docs question set (fixtures/library-docs): 12 pinned third-party
 * READMEs and 102 developer questions, each answered by line ranges, split by a
 * fixed rule into a tuning part and a held-out part. A hit counts when it is in
 * the answer's file and its line range overlaps the answer's.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIBRARY_DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'library-docs');
export const LIBRARY_DOCS_CORPUS = join(LIBRARY_DOCS_DIR, 'corpus');

export type Part = 'tuning' | 'heldout';
export const PARTS: readonly Part[] = ['tuning', 'heldout'];

export interface RangeAnswer {
  path: string;
  startLine: number;
  endLine: number;
}

export interface LibraryQuestion {
  id: number;
  q: string;
  answers: RangeAnswer[];
  part: Part;
}

export interface Located {
  path: string;
  startLine: number;
  endLine: number;
}

/** The rule stated in fixtures/library-docs/README.md: ids divisible by 3 are held out. */
export const partOf = (id: number): Part => (id % 3 === 0 ? 'heldout' : 'tuning');

export function loadLibraryQuestions(): LibraryQuestion[] {
  const raw = JSON.parse(readFileSync(join(LIBRARY_DOCS_DIR, 'questions.json'), 'utf8')) as Array<{
    id: number;
    q: string;
    answers: Array<[string, number, number]>;
  }>;
  const lineCounts = new Map<string, number>();
  const linesIn = (path: string): number => {
    let count = lineCounts.get(path);
    if (count === undefined) lineCounts.set(path, (count = readFileSync(join(LIBRARY_DOCS_CORPUS, path), 'utf8').split('\n').length));
    return count;
  };
  return raw.map(({ id, q, answers }) => ({
    id,
    q,
    part: partOf(id),
    answers: answers.map(([path, startLine, endLine]) => {
      if (!(startLine >= 1 && startLine <= endLine && endLine <= linesIn(path))) {
        throw new Error(`library-docs question ${id}: bad answer range ${path}:${startLine}-${endLine}`);
      }
      return { path, startLine, endLine };
    }),
  }));
}

export const answers = (hit: Located, expected: readonly RangeAnswer[]): boolean =>
  expected.some((a) => a.path === hit.path && hit.startLine <= a.endLine && a.startLine <= hit.endLine);

export interface RangeScores {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrrAt10: number;
}

/** Rank of the first answering hit in the top 10 (1-based), or 0. */
export function firstAnswerRank(hits: readonly Located[], expected: readonly RangeAnswer[]): number {
  return hits.slice(0, 10).findIndex((hit) => answers(hit, expected)) + 1;
}

export function scoreRanks(ranks: readonly number[]): RangeScores {
  const n = ranks.length || 1;
  const round = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return {
    questions: ranks.length,
    recallAt1: round(ranks.filter((r) => r === 1).length),
    recallAt5: round(ranks.filter((r) => r >= 1 && r <= 5).length),
    mrrAt10: round(ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0)),
  };
}

export type PartScores = Record<Part | 'all', RangeScores>;

/** Scores one ranker (question → hits, best first) on the tuning part, the held-out part and all questions. */
export async function scoreByPart(
  questions: readonly LibraryQuestion[],
  rank: (question: LibraryQuestion) => Promise<readonly Located[]> | readonly Located[],
): Promise<PartScores & { ranks: number[] }> {
  const ranks: number[] = [];
  for (const question of questions) ranks.push(firstAnswerRank(await rank(question), question.answers));
  const of = (part: Part): number[] => ranks.filter((_, i) => questions[i]?.part === part);
  return { tuning: scoreRanks(of('tuning')), heldout: scoreRanks(of('heldout')), all: scoreRanks(ranks), ranks };
}

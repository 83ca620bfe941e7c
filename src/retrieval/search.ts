// Search: validate, rank lexically (BM25) and/or densely (HNSW), fuse as
// configured, and return hits with citations and snippets.
import { usageError } from '../shared/errors.js';
import { citation, selectSnippet } from './citations.js';
import type { SearchMode } from './config.js';
import { validateK, validateQuery } from './query.js';
import { denseRerank, reciprocalRankFusion, single, type Fused, type Ranked } from './ranking.js';
import { ensureDense, keyOf, type RetrievalState } from './state.js';
import { queryTokens } from './tokenize.js';
import type { SearchHit } from './types.js';

export interface SearchOptions {
  k?: number;
  mode?: SearchMode;
  signal?: AbortSignal;
}

export async function search(state: RetrievalState, query: unknown, options: SearchOptions = {}): Promise<SearchHit[]> {
  const text = validateQuery(query, state.config.maxQueryChars);
  const k = validateK(options.k ?? state.config.defaultK);
  const mode = options.mode ?? state.config.ranking.mode;
  const ranking = state.config.ranking;
  const candidates = Math.max(ranking.candidates, k);
  const tokens = queryTokens(text, (token) => state.bm25.has(token));
  if (state.store.chunkCount === 0) return [];

  const lexical: Ranked[] = mode === 'dense' ? [] : state.bm25.search(tokens, candidates);
  let fused: Fused[];
  if (mode === 'lexical') {
    fused = single(lexical, 'lexical');
  } else {
    await ensureDense(state, options.signal);
    const dense = state.dense ?? null;
    if (dense === null) {
      if (mode === 'dense') {
        throw usageError(
          'retrieval.dense-unavailable',
          'dense search needs an embedder, but retrieval.embedder.kind is "none"',
          'use --mode lexical, or configure an embedder and run crucible ingest',
        );
      }
      fused = single(lexical, 'lexical');
    } else {
      const [queryVector] = await dense.embedder.embed([text], options.signal);
      const vector = queryVector ?? [];
      if (mode === 'hybrid' && ranking.fusion === 'rerank') {
        const similarity = (id: string): number | undefined => {
          const chunk = state.store.chunk(id);
          const chunkVector = chunk ? dense.cache.get(keyOf(chunk)) : undefined;
          return chunkVector ? dot(vector, chunkVector) : undefined;
        };
        fused = denseRerank(lexical, similarity, ranking.denseWeight);
      } else {
        const hits = await dense.index.search(vector, candidates, state.config.hnsw.ef);
        const denseList = hits.map((hit) => ({ id: hit.chunkId, score: hit.similarity }));
        fused =
          mode === 'dense'
            ? single(denseList, 'dense')
            : reciprocalRankFusion(lexical, denseList, {
                k: ranking.rrfK,
                lexicalWeight: ranking.lexicalWeight,
                denseWeight: ranking.denseWeight,
              });
      }
    }
  }
  return fused.slice(0, k).flatMap((item) => {
    const chunk = state.store.chunk(item.id);
    if (!chunk) return [];
    const snippet = selectSnippet(chunk, tokens);
    return [
      {
        path: chunk.path,
        startLine: chunk.startLine,
        endLine: chunk.endLine,
        citation: citation(chunk.path, chunk.startLine, chunk.endLine),
        score: item.score,
        heading: chunk.heading,
        snippet: snippet.text,
        snippetStartLine: snippet.startLine,
        lexicalRank: item.lexicalRank,
        denseRank: item.denseRank,
      },
    ];
  });
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

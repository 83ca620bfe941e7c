// Ranking: weighted reciprocal rank fusion of lexical and dense lists, or dense
// re-ranking of the lexical candidates. Pure functions over ranked id lists.

export interface Ranked {
  id: string;
  score: number;
}

export interface Fused {
  id: string;
  score: number;
  lexicalRank: number | null;
  denseRank: number | null;
}

export interface RrfOptions {
  k: number;
  lexicalWeight: number;
  denseWeight: number;
}

/** score(d) = wL / (k + rankL(d)) + wD / (k + rankD(d)), ranks from 1; missing from a list adds nothing. */
export function reciprocalRankFusion(lexical: readonly Ranked[], dense: readonly Ranked[], options: RrfOptions): Fused[] {
  const fused = new Map<string, Fused>();
  const entry = (id: string): Fused => {
    let found = fused.get(id);
    if (!found) fused.set(id, (found = { id, score: 0, lexicalRank: null, denseRank: null }));
    return found;
  };
  lexical.forEach((hit, i) => {
    const e = entry(hit.id);
    e.lexicalRank = i + 1;
    e.score += options.lexicalWeight / (options.k + i + 1);
  });
  dense.forEach((hit, i) => {
    const e = entry(hit.id);
    e.denseRank = i + 1;
    e.score += options.denseWeight / (options.k + i + 1);
  });
  return sortFused([...fused.values()]);
}

/**
 * Re-orders the lexical candidates by (1 - w) * bm25 / maxBm25 + w * cosine.
 * Only lexical candidates can appear, so dense can reorder but never inject noise.
 */
export function denseRerank(lexical: readonly Ranked[], similarity: (id: string) => number | undefined, weight: number): Fused[] {
  const top = lexical[0]?.score ?? 0;
  if (top <= 0) return [];
  const withDense = lexical.map((hit) => ({ hit, cos: similarity(hit.id) }));
  const denseOrder = withDense
    .filter((x) => x.cos !== undefined)
    .sort((a, b) => (b.cos ?? 0) - (a.cos ?? 0))
    .map((x) => x.hit.id);
  const fused = withDense.map(({ hit, cos }, i) => ({
    id: hit.id,
    score: (1 - weight) * (hit.score / top) + weight * (cos ?? 0),
    lexicalRank: i + 1,
    denseRank: cos === undefined ? null : denseOrder.indexOf(hit.id) + 1,
  }));
  return sortFused(fused);
}

export function sortFused(items: Fused[]): Fused[] {
  return items.sort((a, b) => b.score - a.score || (a.lexicalRank ?? Infinity) - (b.lexicalRank ?? Infinity) || (a.id < b.id ? -1 : 1));
}

/** A single ranker's list as fused output (lexical-only or dense-only modes). */
export function single(list: readonly Ranked[], which: 'lexical' | 'dense'): Fused[] {
  return list.map((hit, i) => ({
    id: hit.id,
    score: hit.score,
    lexicalRank: which === 'lexical' ? i + 1 : null,
    denseRank: which === 'dense' ? i + 1 : null,
  }));
}

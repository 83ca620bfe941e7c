/** An in-memory BM25 index over token lists, with incremental add and remove. */

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface ScoredId {
  id: string;
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly lengths = new Map<string, number>();
  private readonly terms = new Map<string, string[]>();
  private totalLength = 0;

  constructor(private readonly params: Bm25Params = { k1: 1.2, b: 0.75 }) {}

  get size(): number {
    return this.lengths.size;
  }

  /** Whether any indexed document holds this token. */
  has(token: string): boolean {
    return this.postings.has(token);
  }

  add(id: string, tokens: readonly string[]): void {
    if (this.lengths.has(id)) this.remove(id);
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, count] of counts) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, count);
    }
    this.terms.set(id, [...counts.keys()]);
    this.lengths.set(id, tokens.length);
    this.totalLength += tokens.length;
  }

  remove(id: string): void {
    const length = this.lengths.get(id);
    if (length === undefined) return;
    for (const term of this.terms.get(id) ?? []) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.terms.delete(id);
    this.lengths.delete(id);
    this.totalLength -= length;
  }

  /** Best `limit` documents for the query tokens, highest score first; ties broken by id for stable output. */
  search(queryTokens: readonly string[], limit: number): ScoredId[] {
    const n = this.lengths.size;
    if (n === 0 || limit <= 0) return [];
    const { k1, b } = this.params;
    const averageLength = this.totalLength / n || 1;
    const scores = new Map<string, number>();
    for (const term of new Set(queryTokens)) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, tf] of posting) {
        const length = this.lengths.get(id) ?? 0;
        const weight = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength));
        scores.set(id, (scores.get(id) ?? 0) + weight);
      }
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, limit);
  }
}

/**
 * Reference rankers the product's lexical search is measured against (support
 * code, not product code): textbook Okapi BM25 (k1 1.2, b 0.75) over Markdown
 * sections split at every heading, with either plain lower-cased words or
 * words minus English stopwords, Porter-stemmed (the published algorithm, which
 * the product uses too). Sections, analysis and scoring are kept independent of
 * the product's so that tuning the product cannot move its yardstick.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { porterStem } from '../../src/retrieval/porter-stemmer.js';
import type { Located } from './library-docs-set.js';

export interface Section extends Located {
  text: string;
}

const ATX = /^ {0,3}#{1,6}[ \t]+\S/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Sections from one heading to the next (text before the first heading is a section too); headings in fences don't count. */
export function headingSections(path: string, text: string): Section[] {
  const lines = text.split('\n');
  const starts: number[] = [0];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const marker = FENCE.exec(line)?.[1];
    if (marker) fence = fence === null ? marker : marker[0] === fence[0] && marker.length >= fence.length ? null : fence;
    else if (fence === null && ATX.test(line) && i > 0) starts.push(i);
  });
  return starts
    .map((start, k) => {
      const end = (starts[k + 1] ?? lines.length) - 1;
      return { path, startLine: start + 1, endLine: end + 1, text: lines.slice(start, end + 1).join('\n') };
    })
    .filter((section) => section.text.trim() !== '');
}

export function corpusSections(root: string): Section[] {
  return readdirSync(root)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((name) => headingSections(name, readFileSync(join(root, name), 'utf8')));
}

export type Analyzer = (text: string) => string[];

export const plainWords: Analyzer = (text) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** The classic SMART-derived short English stopword list (as shipped by Lucene's English analyzer). */
const STOPWORDS = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their then there these they ' + 'this to was will with'
  ).split(' '),
);

export const porterWords: Analyzer = (text) =>
  plainWords(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(porterStem);

export class ReferenceBm25 {
  private readonly docs: Array<{ section: Section; tf: Map<string, number>; length: number }>;
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;

  constructor(
    sections: readonly Section[],
    private readonly analyze: Analyzer,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = sections.map((section) => {
      const tokens = analyze(section.text);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { section, tf, length: tokens.length };
    });
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, k: number): Section[] {
    const terms = [...new Set(this.analyze(query))];
    const n = this.docs.length;
    return this.docs
      .map((doc, index) => {
        let score = 0;
        for (const term of terms) {
          const tf = doc.tf.get(term);
          if (!tf) continue;
          const df = this.df.get(term) ?? 0;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.averageLength));
        }
        return { doc, index, score };
      })
      .filter((x) => x.score > 0)
      .sort((x, y) => y.score - x.score || x.index - y.index)
      .slice(0, k)
      .map((x) => x.doc.section);
  }
}

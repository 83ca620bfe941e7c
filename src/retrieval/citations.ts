/** Citations (`path:start-end`), snippets (the lines that matched), and a compact text form for agents. */
import { lineRange } from '../shared/location.js';
import { tokenize } from './tokenize.js';
import type { Chunk, SearchHit } from './types.js';

export const citation = (path: string, startLine: number, endLine: number): string =>
  lineRange(path, startLine, endLine, { collapseOneLine: true });

const MAX_LINE_CHARS = 200;

/** The `size` consecutive lines of the chunk that contain the most query terms (first such window on ties). */
export function selectSnippet(chunk: Chunk, queryTokens: readonly string[], size = 3): { text: string; startLine: number } {
  const lines = chunk.text.split('\n');
  const wanted = new Set(queryTokens);
  const scores = lines.map((line) => {
    if (line.trim() === '') return -1;
    const seen = new Set(tokenize(line).filter((token) => wanted.has(token)));
    return seen.size;
  });
  let best = 0;
  let bestScore = -Infinity;
  for (let start = 0; start < Math.max(1, lines.length - size + 1); start++) {
    const window = scores.slice(start, start + size);
    const score = window.reduce((sum, s) => sum + Math.max(0, s), 0) * 10 + (window[0] ?? -1);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  const text = lines
    .slice(best, best + size)
    .map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line))
    .join('\n');
  return { text, startLine: chunk.startLine + best };
}

/** One block per hit: `[n] path:start-end (score) heading`, then the snippet indented. */
export function formatHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'no matching documents';
  return hits
    .map((hit, i) => {
      const heading = hit.heading.length > 0 ? ` — ${hit.heading.join(' > ')}` : '';
      const snippet = hit.snippet
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
      return `[${i + 1}] ${hit.citation} (${hit.score.toFixed(3)})${heading}\n${snippet}`;
    })
    .join('\n');
}

// What BM25 indexes for a chunk: its path, its heading path counted
// `headingWeight` times (a heading names what its section is about, so a word
// there says more than the same word in the body), then its lines.
import type { Chunk } from './types.js';
import { tokenize } from './tokenize.js';

export function chunkTokens(chunk: Chunk, headingWeight: number): string[] {
  const heading = tokenize(chunk.heading.join(' '));
  const tokens = tokenize(chunk.path);
  for (let i = 0; i < headingWeight; i++) tokens.push(...heading);
  tokens.push(...tokenize(chunk.text));
  return tokens;
}

/** Line helpers shared by the chunkers, and the plain line-window chunker. */
import { lineRange } from '../../shared/location.js';
import { sha256 } from '../files.js';
import type { Chunk, ChunkKind } from '../types.js';

/** Splits text into lines without their terminators; a final newline does not start a new line. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

/**
 * Builds a chunk from lines `start..end` (1-based, inclusive), first trimming
 * blank lines at both ends. Returns null when nothing but blank lines remains.
 */
export function makeChunk(
  path: string,
  lines: readonly string[],
  start: number,
  end: number,
  kind: ChunkKind,
  heading: string[] = [],
): Chunk | null {
  let first = Math.max(1, start);
  let last = Math.min(lines.length, end);
  while (first <= last && isBlank(lines[first - 1])) first++;
  while (last >= first && isBlank(lines[last - 1])) last--;
  if (first > last) return null;
  const text = lines.slice(first - 1, last).join('\n');
  const contentHash = sha256(text);
  return {
    id: `${lineRange(path, first, last)}#${contentHash.slice(0, 8)}`,
    path,
    startLine: first,
    endLine: last,
    kind,
    heading,
    text,
    contentHash,
  };
}

/** Ranges of `size` lines covering `start..end`, each sharing `overlap` lines with the previous one. */
export function windowRanges(start: number, end: number, size: number, overlap: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const step = Math.max(1, size - overlap);
  for (let from = start; from <= end; from += step) {
    const to = Math.min(end, from + size - 1);
    ranges.push([from, to]);
    if (to === end) break;
  }
  return ranges;
}

/** Chunks `start..end` as one chunk, or as overlapping windows when it is longer than `maxLines`. */
export function chunkRange(
  path: string,
  lines: readonly string[],
  range: { start: number; end: number; kind: ChunkKind; heading?: string[] },
  maxLines: number,
  overlap: number,
): Chunk[] {
  const ranges =
    range.end - range.start + 1 <= maxLines
      ? [[range.start, range.end] as [number, number]]
      : windowRanges(range.start, range.end, maxLines, Math.min(overlap, maxLines - 1));
  return ranges
    .map(([from, to]) => makeChunk(path, lines, from, to, range.kind, range.heading ?? []))
    .filter((chunk): chunk is Chunk => chunk !== null);
}

export function chunkLineWindows(path: string, lines: readonly string[], size: number, overlap: number): Chunk[] {
  if (lines.length === 0) return [];
  return chunkRange(path, lines, { start: 1, end: lines.length, kind: 'lines' }, size, overlap);
}

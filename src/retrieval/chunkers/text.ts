/** Plain text by paragraphs (blank-line separated), packing short paragraphs together up to a window. */
import type { Chunk } from '../types.js';
import { chunkRange, isBlank } from './lines.js';

export function paragraphRanges(lines: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  lines.forEach((line, index) => {
    if (isBlank(line)) {
      if (start) ranges.push([start, index]);
      start = 0;
    } else if (!start) start = index + 1;
  });
  if (start) ranges.push([start, lines.length]);
  return ranges;
}

export function chunkText(
  path: string,
  lines: readonly string[],
  options: { windowLines: number; maxLines: number; overlapLines: number },
): Chunk[] {
  const packed: Array<[number, number]> = [];
  for (const [from, to] of paragraphRanges(lines)) {
    const current = packed.at(-1);
    if (current && to - current[0] + 1 <= options.windowLines) current[1] = to;
    else packed.push([from, to]);
  }
  return packed.flatMap(([start, end]) => chunkRange(path, lines, { start, end, kind: 'text' }, options.maxLines, options.overlapLines));
}

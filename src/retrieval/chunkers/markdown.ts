// Markdown by headings: each section (heading line to the next heading) is a
// chunk carrying its heading path; long sections become overlapping windows.
// Headings inside fenced code and YAML front matter are ignored.
import type { Chunk } from '../types.js';
import { chunkRange, isBlank } from './lines.js';

interface Heading {
  line: number;
  level: number;
  title: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  let i = frontMatterEnd(lines);
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX.exec(line);
    if (atx?.[1] && atx[2] !== undefined && atx[2].trim() !== '') {
      headings.push({ line: i + 1, level: atx[1].length, title: atx[2].trim() });
      continue;
    }
    const setext = setextLevel(line, lines[i - 1], lines[i - 2], headings.at(-1)?.line === i);
    if (setext) headings.push({ line: i, level: setext, title: (lines[i - 1] ?? '').trim() });
  }
  return headings;
}

/** `Title` underlined with `===` (level 1) or `---` (level 2), when the title is a lone plain line. */
function setextLevel(line: string, previous: string | undefined, beforePrevious: string | undefined, previousIsHeading: boolean): number {
  if (previousIsHeading || isBlank(previous) || !isBlank(beforePrevious)) return 0;
  if (/^\s{0,3}[-*+>|]|^\s{4}/.test(previous ?? '')) return 0;
  if (/^ {0,3}=+[ \t]*$/.test(line)) return 1;
  if (/^ {0,3}-{2,}[ \t]*$/.test(line)) return 2;
  return 0;
}

/** Index just past a leading `---` ... `---` front matter block, or 0. */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i] ?? '')) return i + 1;
  return 0;
}

export function chunkMarkdown(path: string, lines: readonly string[], maxLines: number, overlap: number): Chunk[] {
  const headings = findHeadings(lines);
  const chunks: Chunk[] = [];
  const stack: Heading[] = [];
  const firstLine = headings[0]?.line ?? lines.length + 1;
  if (firstLine > 1) chunks.push(...chunkRange(path, lines, { start: 1, end: firstLine - 1, kind: 'markdown' }, maxLines, overlap));
  headings.forEach((heading, index) => {
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= heading.level) stack.pop();
    stack.push(heading);
    const end = (headings[index + 1]?.line ?? lines.length + 1) - 1;
    const bodyStart = heading.line + (lines[heading.line]?.match(/^ {0,3}(=+|-{2,})\s*$/) && heading.line < end ? 2 : 1);
    const hasBody = lines.slice(bodyStart - 1, end).some((line) => !isBlank(line));
    if (!hasBody) return; // a heading with no text of its own lives on in its children's heading path
    const path_ = stack.map((h) => h.title);
    chunks.push(...chunkRange(path, lines, { start: heading.line, end, kind: 'markdown', heading: path_ }, maxLines, overlap));
  });
  return chunks;
}

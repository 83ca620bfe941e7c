// What lies between two copied blocks inside one function: two files that copy a function in pieces, cut around a
// stretch each writes its own way (Beta's deprecated `parsed` getter), differ there, and a shared body written from
// the copies alone drops it.
import { listFunctions } from '../functions.js';
import type { Finding, Location, SourceFile } from '../types.js';
import { lineRange } from '../../shared/location.js';
import type { CodeIndex } from './context.js';

/** One side's stretch between its copies: `lines` undefined when that side has nothing there. */
export interface GapSide {
  path: string;
  lines: Location | undefined;
}

export interface CopyGap {
  a: GapSide;
  b: GapSide;
}

/**
 * For each two copies in a row on the first path whose twins are in a row on the second, the lines after the first copy
 * up to the next (or the end of the function holding the first copy's end), when they differ from the twin side's:
 * blank lines and the lines both sides share at either edge trimmed.
 */
export function copyGaps(members: readonly Finding[], pathA: string, index: CodeIndex): CopyGap[] {
  const fileA = index.file(pathA);
  const pairs = members
    .flatMap((m): Array<[Location, Location]> => {
      const twin = m.related?.[0];
      if (!twin) return [];
      return m.path === pathA ? [[m, twin]] : twin.path === pathA ? [[twin, m]] : [];
    })
    .sort(([a], [b]) => a.startLine - b.startLine);
  const pathB = pairs[0]?.[1].path;
  const otherFile = pathB ? index.file(pathB) : undefined;
  if (!fileA || !otherFile) return [];
  const gaps: CopyGap[] = [];
  for (let i = 0; i + 1 < pairs.length; i++) {
    const [[a1, b1], [a2, b2]] = [pairs[i], pairs[i + 1]] as [[Location, Location], [Location, Location]];
    if (b2.startLine <= b1.endLine) continue;
    const [ga, gb] = [
      gapAfter(
        fileA,
        a1,
        a2,
        pairs.map((p) => p[0]),
      ),
      gapAfter(
        otherFile,
        b1,
        b2,
        pairs.map((p) => p[1]),
      ),
    ];
    if (!ga || !gb) continue;
    const differing = trimShared(fileA, ga, otherFile, gb);
    if (differing && !gaps.some((g) => showGap(g) === showGap(differing))) gaps.push(differing);
  }
  return gaps;
}

/** `src/a.ts:73-81 / src/b.ts:61`, or `src/a.ts:73-81 / nothing in src/b.ts`. */
export const showGap = (g: CopyGap): string =>
  [g.a, g.b]
    .map((s) => (s.lines ? lineRange(s.path, s.lines.startLine, s.lines.endLine, { collapseOneLine: true }) : `nothing in ${s.path}`))
    .join(' / ');

/** The lines between a copy and the next, within the function holding the copy's last line; undefined when another copy lies there. */
function gapAfter(file: SourceFile, copy: Location, next: Location, all: readonly Location[]): Location | undefined {
  const fn = listFunctions(file)
    .filter((f) => f.startLine < copy.endLine && f.endLine > copy.endLine)
    .sort((x, y) => x.endLine - x.startLine - (y.endLine - y.startLine))[0];
  if (!fn) return undefined;
  const gap = { path: file.path, startLine: copy.endLine + 1, endLine: Math.min(next.startLine - 1, fn.endLine) };
  const crossed = all.some((c) => c !== copy && c !== next && c.startLine <= gap.endLine && c.endLine >= gap.startLine);
  return gap.endLine >= gap.startLine && !crossed ? gap : undefined;
}

/** A line's words: the lines `});` and `},` are alike, and neither says anything. */
const keyOf = (line: string): string => line.replace(/[\s(){}[\];,]/g, '');

function trimShared(fileA: SourceFile, a: Location, fileB: SourceFile, b: Location): CopyGap | undefined {
  const linesOf = (file: SourceFile, l: Location) =>
    file.content
      .split('\n')
      .slice(l.startLine - 1, l.endLine)
      .map((text, i) => ({ line: l.startLine + i, key: keyOf(text), blank: text.trim() === '' }));
  let [la, lb] = [linesOf(fileA, a), linesOf(fileB, b)];
  const same = (x: { key: string } | undefined, y: { key: string } | undefined) => x !== undefined && y !== undefined && x.key === y.key;
  for (let changed = true; changed;) {
    const before = la.length + lb.length;
    while (la[0]?.blank) la = la.slice(1);
    while (lb[0]?.blank) lb = lb.slice(1);
    while (la.at(-1)?.blank) la = la.slice(0, -1);
    while (lb.at(-1)?.blank) lb = lb.slice(0, -1);
    while (same(la[0], lb[0])) [la, lb] = [la.slice(1), lb.slice(1)];
    while (same(la.at(-1), lb.at(-1))) [la, lb] = [la.slice(0, -1), lb.slice(0, -1)];
    changed = la.length + lb.length < before;
  }
  const side = (path: string, kept: typeof la): GapSide => {
    const [first, last] = [kept[0], kept.at(-1)];
    return { path, lines: first && last ? { path, startLine: first.line, endLine: last.line } : undefined };
  };
  // Wrapped differently (`{ logger, client }` on one line or three) is not a difference.
  const text = (kept: typeof la) => kept.map((l) => l.key).join('');
  return text(la) === text(lb) ? undefined : { a: side(a.path, la), b: side(b.path, lb) };
}

// Clone pairs as line ranges: from token matches, from copied comments and
// literal unions; then the pieces that touch on both sides (adjacent or
// overlapping windows, a copied doc comment above copied code) merged into one
// pair per copied region.
import type { SourceFile } from '../types.js';
import type { Match } from './duplication-match.js';
import { STATEMENT_END, type Stream, type TextBlock } from './duplication-shape.js';

export interface Side {
  file: SourceFile;
  startLine: number;
  endLine: number;
  /** The lines the copy reaches, partly copied ones at its ends included (what the line threshold counts). */
  reach: readonly [number, number];
}

export type CloneKind = 'code' | 'comment' | 'union';

export interface ClonePair {
  a: Side;
  b: Side;
  /** Normalized tokens in the copied code (0 for comments and unions). */
  tokens: number;
  kinds: ReadonlySet<CloneKind>;
  /** Starts or ends at the edge of a test callback on both sides: shared test setup or teardown, or a seam between tests. */
  atTestEdge: boolean;
  /** Normalized content that stays put when the copy grows or shrinks at its ends: its first statement, comment or union. */
  anchor: string;
}

/** A comment or union found in more places than this is boilerplate (a license header), not a copy to merge. */
const MAX_TEXT_PLACES = 4;
/** Comments shorter than this (after normalizing whitespace) are too small to call copied. */
const MIN_COMMENT_CHARS = 60;

const before = (x: Side, y: Side): boolean => (x.file.path === y.file.path ? x.startLine < y.startLine : x.file.path < y.file.path);

function ordered(pair: ClonePair): ClonePair {
  return before(pair.b, pair.a) ? { ...pair, a: pair.b, b: pair.a } : pair;
}

export function pairFromMatch(m: Match): ClonePair {
  let end = m.atA;
  while (end < m.atA + m.length - 1 && ((m.a.flags[end] as number) & STATEMENT_END) === 0) end++;
  const side = (s: Stream, at: number, reach: readonly [number, number] | undefined): Side => {
    const [startLine, endLine] = [s.startLines[at] as number, s.endLines[at + m.length - 1] as number];
    return { file: s.file, startLine, endLine, reach: reach ?? [startLine, endLine] };
  };
  return ordered({
    a: side(m.a, m.atA, m.reach?.a),
    b: side(m.b, m.atB, m.reach?.b),
    tokens: m.length,
    kinds: new Set(['code']),
    atTestEdge: m.atTestEdge === true,
    anchor: m.a.ids.slice(m.atA, end + 1).join(','),
  });
}

/** Equal comments (or unions) in two to MAX_TEXT_PLACES places: every two of them. */
export function textPairs(streams: readonly Stream[], kind: 'comment' | 'union'): ClonePair[] {
  const places = new Map<string, Side[]>();
  for (const stream of streams) {
    for (const block of kind === 'comment' ? stream.comments : stream.unions) {
      if (kind === 'comment' && block.text.length < MIN_COMMENT_CHARS) continue;
      const found = places.get(block.text) ?? [];
      places.set(block.text, [...found, sideOf(stream.file, block)]);
    }
  }
  const pairs: ClonePair[] = [];
  for (const [text, sides] of places) {
    if (sides.length > MAX_TEXT_PLACES) continue;
    sides.forEach((x, i) =>
      sides
        .slice(i + 1)
        .forEach((y) =>
          pairs.push(ordered({ a: x, b: y, tokens: 0, kinds: new Set([kind]), atTestEdge: false, anchor: `${kind}:${text}` })),
        ),
    );
  }
  return pairs;
}

const sideOf = (file: SourceFile, block: TextBlock): Side => ({
  file,
  startLine: block.startLine,
  endLine: block.endLine,
  reach: [block.startLine, block.endLine],
});

/** Lines between two pieces that still make one copy (a line changed in the middle of it). */
const MAX_GAP = 2;
/** Two ranges that overlap or touch, or have at most MAX_GAP lines between them. */
const touches = (x: Side, y: Side): boolean => x.startLine <= y.endLine + 1 + MAX_GAP && y.startLine <= x.endLine + 1 + MAX_GAP;
const union = (x: Side, y: Side): Side => ({
  file: x.file,
  startLine: Math.min(x.startLine, y.startLine),
  endLine: Math.max(x.endLine, y.endLine),
  reach: [Math.min(x.reach[0], y.reach[0]), Math.max(x.reach[1], y.reach[1])],
});

/** One pair per copied region: pieces between the same two files that touch on both sides (or nearly) become one. */
export function mergePairs(pairs: readonly ClonePair[]): ClonePair[] {
  const byFiles = new Map<string, ClonePair[]>();
  const sorted = [...pairs].sort((x, y) => x.a.startLine - y.a.startLine || x.b.startLine - y.b.startLine);
  for (const pair of sorted) {
    const key = `${pair.a.file.path}\u0000${pair.b.file.path}`;
    const merged = byFiles.get(key) ?? [];
    byFiles.set(key, merged);
    const i = merged.findIndex((m) => touches(m.a, pair.a) && touches(m.b, pair.b) && !selfOverlap(union(m.a, pair.a), union(m.b, pair.b)));
    const into = merged[i];
    if (!into) merged.push(pair);
    else
      merged[i] = {
        a: union(into.a, pair.a),
        b: union(into.b, pair.b),
        tokens: into.tokens + pair.tokens,
        kinds: new Set([...into.kinds, ...pair.kinds]),
        atTestEdge: into.atTestEdge || pair.atTestEdge,
        anchor: into.anchor,
      };
  }
  return [...byFiles.values()].flat();
}

const selfOverlap = (a: Side, b: Side): boolean => a.file.path === b.file.path && a.startLine <= b.endLine && b.startLine <= a.endLine;

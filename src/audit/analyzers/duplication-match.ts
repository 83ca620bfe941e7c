// Maximal runs of equal normalized tokens between two places (a copy within
// one file included), found through a rolling hash of `minTokens`-token
// windows, then aligned to statements.
import { IN_TEST, LEADING_JUNK, LINE_END, LOGIC, STATEMENT_END, STATEMENT_START, TEST_EDGE, type Stream } from './duplication-shape.js';

export interface Match {
  a: Stream;
  b: Stream;
  atA: number;
  atB: number;
  length: number;
  /** Per side, the lines the equal tokens reach before the match is cut to statements (partly copied lines included). */
  reach?: { a: readonly [number, number]; b: readonly [number, number] };
  /** Starts or ends at the edge of a test callback (head or tail) on both sides: shared setup or teardown, or a seam between tests. */
  atTestEdge?: boolean;
}

interface Place {
  s: number;
  at: number;
}

/** Most buckets of identical windows are pairs; a huge bucket is boilerplate, and comparing all of it is quadratic. */
const MAX_BUCKET = 24;
/** Code where fewer than this share of the tokens are keywords or operators is data or a call chain, not logic. */
const MIN_LOGIC = 0.15;
/** A shape (after normalization) found in more places than this is an idiom: only a word-for-word copy of it counts. */
const MAX_PLACES = 5;
/**
 * Blocks where fewer than this share of the token triples differ repeat one pattern: data (tables, lists, field
 * mappings). After normalization all tables look alike, so only a word-for-word copy of one counts.
 */
const MIN_VARIETY = 0.5;
const PRIME = 2_147_483_647;
const BASE = 1_000_003;

export function findMatches(streams: readonly Stream[], minTokens: number): Match[] {
  const buckets = new Map<number, Place[]>();
  const counts = new Map<number, number>();
  const windows: number[][] = streams.map(() => []);
  const power = powMod(BASE, minTokens - 1);
  streams.forEach((stream, s) => {
    const ids = stream.ids;
    const hashes = windows[s] as number[];
    let hash = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i >= minTokens) hash = (hash - (((ids[i - minTokens] as number) * power) % PRIME) + PRIME) % PRIME;
      hash = (hash * BASE + (ids[i] as number)) % PRIME;
      if (i < minTokens - 1) continue;
      const at = i - minTokens + 1;
      hashes.push(hash);
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
      const bucket = buckets.get(hash);
      if (!bucket) buckets.set(hash, [{ s, at }]);
      else if (bucket.length < MAX_BUCKET) bucket.push({ s, at });
    }
  });
  const matches: Match[] = [];
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const match = extend(streams, bucket[x] as Place, bucket[y] as Place, minTokens);
        if (!match) continue;
        const shapes = (windows[bucket[x]?.s as number] as number[]).slice(match.atA, match.atA + match.length - minTokens + 1);
        const idiom = shapes.filter((h) => (counts.get(h) ?? 0) > MAX_PLACES).length * 2 >= shapes.length;
        if (!(idiom || isDataLike(match)) || exactRun(match) >= minTokens) matches.push(match);
      }
    }
  }
  return matches;
}

/** The match starting at these two windows, or null if they differ, overlap, or continue a match found from earlier windows. */
function extend(streams: readonly Stream[], x: Place, y: Place, minTokens: number): Match | null {
  const a = streams[x.s] as Stream;
  const b = streams[y.s] as Stream;
  const same = x.s === y.s;
  if (same && y.at < x.at + minTokens) return null;
  if (x.at > 0 && y.at > 0 && joins(a, x.at, b, y.at) && a.ids[x.at - 1] === b.ids[y.at - 1]) return null;
  let length = 1;
  while (x.at + length < a.ids.length && y.at + length < b.ids.length && a.ids[x.at + length] === b.ids[y.at + length]) {
    if ((same && x.at + length >= y.at) || !joins(a, x.at + length, b, y.at + length)) break;
    length++;
  }
  return trimmed({ a, b, atA: x.at, atB: y.at, length }, minTokens);
}

/**
 * Whether a match holding the tokens before `i` and `j` may go on to them: both in the same unit as the token before,
 * or both stepping from one test call into the next (parallel test files copied test by test).
 */
function joins(a: Stream, i: number, b: Stream, j: number): boolean {
  const step = (s: Stream, k: number): 'same' | 'test' | 'other' => {
    if (s.units[k - 1] === s.units[k]) return 'same';
    return ((s.flags[k - 1] as number) & (s.flags[k] as number) & IN_TEST) !== 0 ? 'test' : 'other';
  };
  const stepA = step(a, i);
  return stepA !== 'other' && stepA === step(b, j);
}

/**
 * Aligns a match to statements: starting at a statement on either side (or, when that leaves too little, at a line) and ending with
 * a `;`, a `}` or a line.
 */
function trimmed(match: Match, minTokens: number): Match | null {
  let { atA, atB, length } = match;
  let junk = 0;
  while (junk < length - 1 && ((match.a.flags[atA + junk] as number) & LEADING_JUNK) !== 0) junk++;
  const lines = (s: Stream, at: number): readonly [number, number] => [
    s.startLines[at + junk] as number,
    s.endLines[at + length - 1] as number,
  ];
  const reach = { a: lines(match.a, atA), b: lines(match.b, atB) };
  const both = (flag: number, i: number): boolean => ((match.a.flags[atA + i] as number) & (match.b.flags[atB + i] as number) & flag) !== 0;
  const opensLine = (s: Stream, at: number): boolean => at === 0 || ((s.flags[at - 1] as number) & LINE_END) !== 0;
  const linesStart = (i: number): boolean =>
    opensLine(match.a, atA + i) && opensLine(match.b, atB + i) && ((match.a.flags[atA + i] as number) & LEADING_JUNK) === 0;
  // At a statement on one side at least: `const unique = out.filter(...)` copied as a bare `out.filter(...)` starts there.
  const statement = (i: number): boolean =>
    (((match.a.flags[atA + i] as number) | (match.b.flags[atB + i] as number)) & STATEMENT_START) !== 0;
  let start = 0;
  while (start < length && !statement(start)) start++;
  if (start > 0 && length - start < minTokens) {
    start = 0;
    while (start < length && !statement(start) && !linesStart(start)) start++;
  }
  atA += start;
  atB += start;
  length -= start;
  const endsAt = (i: number): boolean =>
    ((match.a.flags[atA + i] as number) & STATEMENT_END) !== 0 ||
    ((match.a.flags[atA + i] as number) & (match.b.flags[atB + i] as number) & LINE_END) !== 0;
  while (length > 0 && !endsAt(length - 1)) length--;
  if (length < minTokens) return null;
  const last = length - 1;
  return { ...match, atA, atB, length, reach, atTestEdge: both(TEST_EDGE, 0) || both(TEST_EDGE, last) };
}

/** The longest run of tokens equal as written (names and literals included) inside a match. */
function exactRun(m: Match): number {
  let [best, run] = [0, 0];
  for (let i = 0; i < m.length; i++) {
    run = m.a.exact[m.atA + i] === m.b.exact[m.atB + i] ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * Tables, lists, field mappings, option chains: one pattern repeated, almost no keyword or operator, or few of
 * them and hardly a statement (one long expression).
 */
function isDataLike(m: Match): boolean {
  let [logic, statements] = [0, 0];
  for (let i = m.atA; i < m.atA + m.length; i++) {
    const flags = m.a.flags[i] as number;
    if ((flags & LOGIC) !== 0) logic++;
    if ((flags & STATEMENT_END) !== 0) statements++;
  }
  const lines = (m.a.endLines[m.atA + m.length - 1] as number) - (m.a.startLines[m.atA] as number) + 1;
  const share = logic / m.length;
  return share < MIN_LOGIC / 2 || (share < MIN_LOGIC && statements * 3 < lines) || isRepetitive(m.a.ids, m.atA, m.length);
}

function isRepetitive(ids: readonly number[], at: number, length: number): boolean {
  const triples = new Set<string>();
  for (let i = at; i + 2 < at + length; i++) triples.add(`${ids[i]},${ids[i + 1]},${ids[i + 2]}`);
  return triples.size < MIN_VARIETY * (length - 2);
}

function powMod(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = (result * base) % PRIME;
  return result;
}

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
/** A table or idiom copied as a whole unit counts when at least this share of its names and literals is as written. */
const MIN_SAME_WORDS = 0.6;
const PRIME = 2_147_483_647;
const BASE = 1_000_003;
/** Hashes are below 2^31, so a hash times this plus a position below it is still exact in a double. */
const POSITIONS = 2 ** 22;

export function findMatches(streams: readonly Stream[], minTokens: number): Match[] {
  const windows = windowsOf(streams, minTokens);
  const { order, sizes, groupAt } = groupsOf(windows.hashes);
  const place = (w: number): Place => {
    const s = windows.stream[w] as number;
    return { s, at: w - (windows.offsets[s] as number) };
  };
  const matches: Match[] = [];
  // Groups in the order their first window comes, pairs in the order of their windows: the order findings are merged in.
  for (let first = 0; first < order.length; first++) {
    const start = groupAt[first] as number;
    if (start < 0) continue;
    const bucket = [...order.subarray(start, start + Math.min(sizes[first] as number, MAX_BUCKET))].map(place);
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const match = extend(streams, bucket[x] as Place, bucket[y] as Place, minTokens);
        if (!match) continue;
        const from = (windows.offsets[(bucket[x] as Place).s] as number) + match.atA;
        const shapes = sizes.subarray(from, from + match.length - minTokens + 1);
        const idiom = shapes.filter((count) => count > MAX_PLACES).length * 2 >= shapes.length;
        const edited = (shapes[0] as number) <= MAX_PLACES && isEditedCopy(match);
        if (!(idiom || isDataLike(match)) || exactRun(match) >= minTokens || edited) matches.push(match);
      }
    }
  }
  return matches;
}

/** Every window's hash, in stream order: window `at` of stream `s` is window `offsets[s] + at`. */
interface Windows {
  hashes: Int32Array;
  /** The stream of each window. */
  stream: Int32Array;
  offsets: number[];
}

function windowsOf(streams: readonly Stream[], minTokens: number): Windows {
  const offsets: number[] = [];
  let total = 0;
  for (const stream of streams) {
    offsets.push(total);
    total += Math.max(0, stream.ids.length - minTokens + 1);
  }
  const windows: Windows = { hashes: new Int32Array(total), stream: new Int32Array(total), offsets };
  const power = powMod(BASE, minTokens - 1);
  streams.forEach(({ ids }, s) => {
    let [hash, w] = [0, offsets[s] as number];
    for (let i = 0; i < ids.length; i++) {
      if (i >= minTokens) hash = (hash - (((ids[i - minTokens] as number) * power) % PRIME) + PRIME) % PRIME;
      hash = (hash * BASE + (ids[i] as number)) % PRIME;
      if (i < minTokens - 1) continue;
      windows.hashes[w] = hash;
      windows.stream[w++] = s;
    }
  });
  return windows;
}

/**
 * Windows grouped by hash. `order`: every window, by hash then position. `sizes`: per window, how many share its hash.
 * `groupAt`: for the first window of a hash shared by two or more, where its group starts in `order`; else -1.
 */
function groupsOf(hashes: Int32Array): { order: Uint32Array; sizes: Int32Array; groupAt: Int32Array } {
  const { order, sorted } = sortedByHash(hashes);
  const sizes = new Int32Array(hashes.length).fill(1);
  const groupAt = new Int32Array(hashes.length).fill(-1);
  for (let start = 0, end = 1; start < order.length; start = end++) {
    while (end < order.length && sorted[end] === sorted[start]) end++;
    if (end - start === 1) continue;
    for (let k = start; k < end; k++) sizes[order[k] as number] = end - start;
    groupAt[order[start] as number] = start;
  }
  return { order, sizes, groupAt };
}

/**
 * Window positions by hash, then position (`order`), and their hashes in that order (`sorted`). Sorted as one number
 * each, hash and position side by side, when that fits in a double.
 */
function sortedByHash(hashes: Int32Array): { order: Uint32Array; sorted: Int32Array } {
  const n = hashes.length;
  const [order, sorted] = [new Uint32Array(n), new Int32Array(n)];
  if (n >= POSITIONS) {
    order.forEach((_, i) => (order[i] = i));
    order.sort((x, y) => (hashes[x] as number) - (hashes[y] as number) || x - y);
    order.forEach((w, i) => (sorted[i] = hashes[w] as number));
    return { order, sorted };
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (hashes[i] as number) * POSITIONS + i;
  keys.sort();
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    order[i] = key % POSITIONS;
    sorted[i] = (key - (order[i] as number)) / POSITIONS;
  }
  return { order, sorted };
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
  const stepA = step(a, i);
  return stepA !== 'other' && stepA === step(b, j);
}

/** How a stream goes on from token `k - 1` to token `k` (called per token compared: kept out of `joins` so no closure is made each time). */
function step(s: Stream, k: number): 'same' | 'test' | 'other' {
  if (s.units[k - 1] === s.units[k]) return 'same';
  return ((s.flags[k - 1] as number) & (s.flags[k] as number) & IN_TEST) !== 0 ? 'test' : 'other';
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

/**
 * A whole unit (a function, a class) copied from its first token to its last on both sides, with most of its names
 * and literals as written and some logic: a copy edited in a few words (`setMargin`/`setPadding`, `'marginX'`/
 * `'paddingX'`), not two tables that only share a shape, nor one function repeating a pattern (that is one unit).
 * The caller also asks that the unit's opening is no idiom: six small range checks differing only in their bounds are not.
 */
function isEditedCopy(m: Match): boolean {
  if (!wholeUnit(m.a, m.atA, m.length) || !wholeUnit(m.b, m.atB, m.length)) return false;
  let [words, same, logic] = [0, 0, 0];
  for (let i = 0; i < m.length; i++) {
    if (((m.a.flags[m.atA + i] as number) & LOGIC) !== 0) logic++;
    if ((m.a.exact[m.atA + i] as number) === (m.a.ids[m.atA + i] as number)) continue;
    words++;
    if (m.a.exact[m.atA + i] === m.b.exact[m.atB + i]) same++;
  }
  return same >= MIN_SAME_WORDS * words && logic >= (MIN_LOGIC / 2) * m.length;
}

const wholeUnit = (s: Stream, at: number, length: number): boolean =>
  (at === 0 || s.units[at - 1] !== s.units[at]) && (at + length === s.units.length || s.units[at + length] !== s.units[at + length - 1]);

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

function isRepetitive(ids: ArrayLike<number>, at: number, length: number): boolean {
  const triples = new Set<string>();
  for (let i = at; i + 2 < at + length; i++) triples.add(`${ids[i]},${ids[i + 1]},${ids[i + 2]}`);
  return triples.size < MIN_VARIETY * (length - 2);
}

function powMod(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = (result * base) % PRIME;
  return result;
}

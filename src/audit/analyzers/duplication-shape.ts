// The token stream the duplication analyzer compares (built by duplication-stream.ts), its flags, and its packed
// form: what the facts cache keeps per file, so an audit with one file changed compares every file's stream
// without parsing the others. Nothing here needs the compiler.
import type { SourceFile } from '../types.js';

export interface Stream {
  file: SourceFile;
  ids: number[];
  /** The same tokens with names and literals as written, for blocks that must be copied word for word to count. */
  exact: number[];
  /** Per token: STATEMENT_END for `;` and `}`, LEADING_JUNK for closers a block should not start with, LINE_END, and the rest below. */
  flags: number[];
  /** Per token: which unit (top-level statement, class member, test block) it is in; a match stays inside one. */
  units: number[];
  startLines: number[];
  endLines: number[];
  /** Multi-line comments and runs of line comments, whitespace-normalized. */
  comments: TextBlock[];
  /** Unions of literal types (`'a' | 'b' | 'c' | 'd'`), keyed by their sorted values. */
  unions: TextBlock[];
}

export interface TextBlock {
  text: string;
  startLine: number;
  endLine: number;
}

export const STATEMENT_END = 1;
export const LEADING_JUNK = 2;
/** A keyword or operator (not a name, literal or punctuation): what logic is made of, as opposed to tables and chains. */
export const LOGIC = 8;
/** The last token on its line: a copy may end there even mid-statement (a shared head of two calls). */
export const LINE_END = 4;
/** The first token of a statement or class member: where a copy may start. */
export const STATEMENT_START = 16;
/** In a test call (not a suite): a copy may run from one test call into the next. */
export const IN_TEST = 32;
/** In the head (call and first statement) or the tail (last statement or `finally`, and the closing) of a test callback. */
export const TEST_EDGE = 64;

const NUMBER_FIELDS = ['ids', 'exact', 'flags', 'units', 'startLines', 'endLines'] as const;

/**
 * A stream without its file, each per-token array as base64 of little-endian 32-bit integers: a tenth of the JSON
 * number arrays' parse time, and about their size.
 */
export type PackedStream = Record<(typeof NUMBER_FIELDS)[number], string> & Pick<Stream, 'comments' | 'unions'>;

function packNumbers(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  values.forEach((value, i) => bytes.writeInt32LE(value, i * 4));
  return bytes.toString('base64');
}

function unpackNumbers(packed: string): number[] {
  const bytes = Buffer.from(packed, 'base64');
  const values = new Array<number>(bytes.length >> 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readInt32LE(i * 4);
  return values;
}

export const packStream = (s: Stream): PackedStream => ({
  ids: packNumbers(s.ids),
  exact: packNumbers(s.exact),
  flags: packNumbers(s.flags),
  units: packNumbers(s.units),
  startLines: packNumbers(s.startLines),
  endLines: packNumbers(s.endLines),
  comments: s.comments,
  unions: s.unions,
});

export const unpackStream = (p: PackedStream, file: SourceFile): Stream => ({
  file,
  ids: unpackNumbers(p.ids),
  exact: unpackNumbers(p.exact),
  flags: unpackNumbers(p.flags),
  units: unpackNumbers(p.units),
  startLines: unpackNumbers(p.startLines),
  endLines: unpackNumbers(p.endLines),
  comments: p.comments,
  unions: p.unions,
});

/** Enough of a packed stream's shape that the analyzer cannot trip on it (the cache checks its facts with this). */
export function looksLikePackedStream(value: unknown): value is PackedStream {
  if (typeof value !== 'object' || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  return (
    NUMBER_FIELDS.every((field) => typeof fields[field] === 'string') && Array.isArray(fields.comments) && Array.isArray(fields.unions)
  );
}

// The token stream the duplication analyzer compares (built by duplication-stream.ts), its flags, and its packed
// form: what the facts cache keeps per file, so an audit with one file changed compares every file's stream
// without parsing the others. Nothing here needs the compiler.
import type { SourceFile } from '../types.js';

const NUMBER_FIELDS = ['ids', 'exact', 'flags', 'units', 'startLines', 'endLines'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** Per token, in the order of the file's code tokens. */
interface PerToken {
  ids: Int32Array;
  /** The same tokens with names and literals as written, for blocks that must be copied word for word to count. */
  exact: Int32Array;
  /** Per token: STATEMENT_END for `;` and `}`, LEADING_JUNK for closers a block should not start with, LINE_END, and the rest below. */
  flags: Int32Array;
  /** Per token: which unit (top-level statement, class member, test block) it is in; a match stays inside one. */
  units: Int32Array;
  startLines: Int32Array;
  endLines: Int32Array;
}

export interface Stream extends PerToken {
  file: SourceFile;
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

/**
 * A stream without its file, each per-token array as base64 of its 32-bit integers in the machine's byte order (the
 * cache never leaves the machine): read back with one copy, where JSON number arrays are parsed number by number.
 */
export type PackedStream = Record<NumberField, string> & Pick<Stream, 'comments' | 'unions'>;

const fieldsOf = <From, To>(from: Record<NumberField, From>, convert: (value: From) => To): Record<NumberField, To> => ({
  ids: convert(from.ids),
  exact: convert(from.exact),
  flags: convert(from.flags),
  units: convert(from.units),
  startLines: convert(from.startLines),
  endLines: convert(from.endLines),
});

/** The per-token arrays of a stream as it is built. */
export const streamOf = (building: Record<NumberField, number[]>): PerToken => fieldsOf(building, (values) => Int32Array.from(values));

const packNumbers = (values: Int32Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function unpackNumbers(packed: string): Int32Array {
  const bytes = Buffer.from(packed, 'base64');
  const values = new Int32Array(bytes.length >> 2);
  new Uint8Array(values.buffer).set(bytes.subarray(0, values.byteLength));
  return values;
}

export const packStream = (s: Stream): PackedStream => ({ ...fieldsOf(s, packNumbers), comments: s.comments, unions: s.unions });

export const unpackStream = (p: PackedStream, file: SourceFile): Stream => ({
  file,
  ...fieldsOf(p, unpackNumbers),
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

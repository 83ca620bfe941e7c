// Duplicated blocks: runs of at least `minTokens` tokens that occur twice,
// compared after normalization (identifiers and literals reduced to their
// kind, property names after `.` kept), so a copy with renamed variables is
// still a copy. Import and re-export statements are left out, blocks are
// aligned to statements, and runs of few token kinds (data tables) are not
// reported. Each duplicate
// pair is reported from both sides, sharing one `group`.
import ts from 'typescript';
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import { isCodeFile, lineAt, parse } from '../parse.js';
import { tokensOf } from '../tokens.js';
import { sha256 } from '../../shared/hash.js';
import { lineRange } from '../../shared/location.js';
import type { Finding, SourceFile } from '../types.js';

export type DuplicationThresholds = Pick<AuditConfig['duplication'], 'minTokens' | 'minLines'>;

interface Stream {
  path: string;
  ids: number[];
  /** Per token: STATEMENT_END for `;` and `}`, LEADING_JUNK for closers a block should not start with. */
  flags: number[];
  /** Per token: which declaration it belongs to; a match never runs from one function into the next. */
  units: number[];
  startLines: number[];
  endLines: number[];
}

interface Match {
  a: Stream;
  b: Stream;
  atA: number;
  atB: number;
  length: number;
}

const LITERALS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.JsxText,
]);

/** Most buckets of identical windows are pairs; a huge bucket is boilerplate, and comparing all of it is quadratic. */
const MAX_BUCKET = 24;
/** Blocks made of fewer kinds of token than this are data (tables, lists), not copied logic. */
const MIN_DISTINCT = 10;
const PRIME = 2_147_483_647;
const STATEMENT_END = 1;
const LEADING_JUNK = 2;
const BASE = 1_000_003;

export function analyzeDuplication(files: readonly SourceFile[], limits: DuplicationThresholds): Finding[] {
  const vocabulary = new Map<string, number>();
  const streams = files.filter((f) => isCodeFile(f.path)).map((f) => tokenStream(f, vocabulary));
  const findings: Finding[] = [];
  for (const match of findMatches(streams, limits.minTokens)) {
    const a = span(match.a, match.atA, match.length);
    const b = span(match.b, match.atB, match.length);
    if (a.endLine - a.startLine + 1 < limits.minLines || b.endLine - b.startLine + 1 < limits.minLines) continue;
    const shape = sha256(match.a.ids.slice(match.atA, match.atA + match.length).join(','));
    const group = fingerprintOf('duplication', ...[match.a.path, match.b.path].sort(), shape);
    const metric = { name: 'duplicate-tokens', value: match.length, limit: limits.minTokens };
    for (const [self, other] of [
      [a, b],
      [b, a],
    ] as const) {
      findings.push({
        analyzer: 'duplication',
        ...self,
        message: `lines ${self.startLine}-${self.endLine} duplicate ${lineRange(other.path, other.startLine, other.endLine)} (${match.length} tokens)`,
        severity: 'warning',
        metric,
        related: [other],
        group,
        fingerprint: fingerprintOf('duplication', self.path, other.path, shape),
      });
    }
  }
  return uniqueFingerprints(findings);
}

function span(stream: Stream, at: number, length: number): { path: string; startLine: number; endLine: number } {
  return { path: stream.path, startLine: stream.startLines[at] as number, endLine: stream.endLines[at + length - 1] as number };
}

/** Maximal matching runs of at least `minTokens` tokens between any two places (a copy within one file included). */
function findMatches(streams: Stream[], minTokens: number): Match[] {
  const buckets = new Map<number, { s: number; at: number }[]>();
  const power = powMod(BASE, minTokens - 1);
  streams.forEach((stream, s) => {
    const ids = stream.ids;
    let hash = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i >= minTokens) hash = (hash - (((ids[i - minTokens] as number) * power) % PRIME) + PRIME) % PRIME;
      hash = (hash * BASE + (ids[i] as number)) % PRIME;
      if (i < minTokens - 1) continue;
      const at = i - minTokens + 1;
      const bucket = buckets.get(hash);
      if (!bucket) buckets.set(hash, [{ s, at }]);
      else if (bucket.length < MAX_BUCKET) bucket.push({ s, at });
    }
  });
  const matches: Match[] = [];
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const match = extend(streams, bucket[x] as { s: number; at: number }, bucket[y] as { s: number; at: number }, minTokens);
        if (match) matches.push(match);
      }
    }
  }
  return matches;
}

/** The match starting at these two windows, or null if they differ, overlap, or continue a match found from earlier windows. */
function extend(streams: Stream[], x: { s: number; at: number }, y: { s: number; at: number }, minTokens: number): Match | null {
  const a = streams[x.s] as Stream;
  const b = streams[y.s] as Stream;
  const same = x.s === y.s;
  if (same && y.at < x.at + minTokens) return null;
  const continues = (s: Stream, at: number): boolean => at > 0 && s.units[at - 1] === s.units[at];
  if (continues(a, x.at) && continues(b, y.at) && a.ids[x.at - 1] === b.ids[y.at - 1]) return null;
  return trimmed({ a, b, atA: x.at, atB: y.at, length: runLength(a, b, x.at, y.at, same) }, minTokens);
}

/** How far two places stay equal, within one declaration on each side and without overlapping. */
function runLength(a: Stream, b: Stream, atA: number, atB: number, same: boolean): number {
  const [unitA, unitB] = [a.units[atA], b.units[atB]];
  let length = 0;
  while (atA + length < a.ids.length && atB + length < b.ids.length && a.ids[atA + length] === b.ids[atB + length]) {
    if ((same && atA + length >= atB) || a.units[atA + length] !== unitA || b.units[atB + length] !== unitB) break;
    length++;
  }
  return length;
}

/** Aligns a match to statements: no leading `;`, `}`, `)`, `]` or `,`, and ending with a `;` or `}`. */
function trimmed(match: Match, minTokens: number): Match | null {
  let { atA, atB, length } = match;
  while (length > 0 && ((match.a.flags[atA] as number) & LEADING_JUNK) !== 0) {
    atA++;
    atB++;
    length--;
  }
  while (length > 0 && ((match.a.flags[atA + length - 1] as number) & STATEMENT_END) === 0) length--;
  if (length < minTokens || new Set(match.a.ids.slice(atA, atA + length)).size < MIN_DISTINCT) return null;
  return { ...match, atA, atB, length };
}

function powMod(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = (result * base) % PRIME;
  return result;
}

function tokenStream(file: SourceFile, vocabulary: Map<string, number>): Stream {
  const sf = parse(file);
  const skipped = sf.statements
    .filter(
      (s) => ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined) || ts.isImportEqualsDeclaration(s),
    )
    .map((s) => [s.getStart(sf), s.getEnd()] as const);
  const stream: Stream = { path: file.path, ids: [], flags: [], units: [], startLines: [], endLines: [] };
  const boundaries = unitBoundaries(sf);
  let unit = 0;
  for (const token of tokensOf(file)) {
    if (token.kind === ts.SyntaxKind.EndOfFileToken || token.kind === ts.SyntaxKind.JsxTextAllWhiteSpaces) continue;
    const start = token.getStart(sf);
    if (skipped.some(([from, to]) => start >= from && start < to)) continue;
    const key = normalize(token);
    let id = vocabulary.get(key);
    if (id === undefined) vocabulary.set(key, (id = vocabulary.size + 1));
    stream.ids.push(id);
    stream.flags.push(flagsOf(token.kind));
    while (unit < boundaries.length && (boundaries[unit] as number) <= start) unit++;
    stream.units.push(unit);
    stream.startLines.push(lineAt(sf, start));
    stream.endLines.push(lineAt(sf, token.getEnd()));
  }
  return stream;
}

/**
 * Where declarations start and end: every function, every class member.
 * Runs of other top-level statements (constants, schemas) stay one unit.
 */
function unitBoundaries(sf: ts.SourceFile): number[] {
  const boundaries: number[] = [];
  const isFunctionStatement = (s: ts.Statement): boolean =>
    ts.isFunctionDeclaration(s) ||
    ts.isExportAssignment(s) ||
    (ts.isVariableStatement(s) &&
      s.declarationList.declarations.some(
        (d) => d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)),
      ));
  for (const statement of sf.statements) {
    if (ts.isClassDeclaration(statement)) {
      boundaries.push(statement.getStart(sf), ...statement.members.map((m) => m.getStart(sf)), statement.getEnd());
    } else if (isFunctionStatement(statement)) {
      boundaries.push(statement.getStart(sf), statement.getEnd());
    }
  }
  return boundaries.sort((x, y) => x - y);
}

function flagsOf(kind: ts.SyntaxKind): number {
  if (kind === ts.SyntaxKind.SemicolonToken || kind === ts.SyntaxKind.CloseBraceToken) return STATEMENT_END | LEADING_JUNK;
  if (kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CommaToken)
    return LEADING_JUNK;
  return 0;
}

function normalize(token: ts.Node): string {
  if (ts.isIdentifier(token)) {
    const parent = token.parent;
    return parent && ts.isPropertyAccessExpression(parent) && parent.name === token ? `.${token.text}` : 'ID';
  }
  if (token.kind === ts.SyntaxKind.PrivateIdentifier) return 'ID';
  if (LITERALS.has(token.kind)) return 'LIT';
  return `k${token.kind}`;
}

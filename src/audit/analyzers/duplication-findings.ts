// Duplicated code: type-1 and type-2 clones (see duplication-stream.ts for
// what is normalized), copied doc comments and copied literal unions, one
// pair per copied region, each reported from both sides under one `group`.
// The group is named after the two places (path and enclosing function), or,
// outside functions, after the copy's first statement, so a copy that grows or
// shrinks by a line keeps its name.
// Nothing here needs the compiler: the streams and each file's functions come from the caller (duplication.ts
// builds them from parsed files; the incremental audit reads them from the facts cache).
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import { lineRange } from '../../shared/location.js';
import type { Finding, SourceFile } from '../types.js';
import { findMatches } from './duplication-match.js';
import { mergePairs, pairFromMatch, textPairs, type ClonePair, type Side } from './duplication-pairs.js';
import type { AuditTree, FileFacts } from '../facts/types.js';
import { isCodeFile } from '../source-kinds.js';
import { unpackStream, type Stream } from './duplication-shape.js';

export type DuplicationThresholds = Pick<AuditConfig['duplication'], 'minTokens' | 'minLines'>;

const lines = (side: Side): number => side.endLine - side.startLine + 1;
const reached = (side: Side): number => side.reach[1] - side.reach[0] + 1;
/**
 * Copies shorter than this that start or end at the edge of a test callback on both sides are shared test setup
 * (a temp dir, a world, `try`), teardown (`} finally { cleanup }`) or the seam between two tests. 6, not more: jscpd
 * reports 6-7-line copies of test prologues in zod and Crucible (see bench/audit-recall.ts).
 */
const MIN_TEST_EDGE_LINES = 6;

/** A function of a file, as functions.ts names and places it. */
export interface FunctionSpan {
  name: string;
  startLine: number;
  endLine: number;
}

export type FunctionsOf = (file: SourceFile) => readonly FunctionSpan[];

/** The duplicates among the streams of a tree's code files. */
export function duplicationFindings(streams: readonly Stream[], functionsOf: FunctionsOf, limits: DuplicationThresholds): Finding[] {
  const pieces = [
    ...findMatches(streams, limits.minTokens).map(pairFromMatch),
    ...textPairs(streams, 'comment'),
    ...textPairs(streams, 'union'),
  ];
  const pairs = mergePairs(pieces).filter((p) => !p.kinds.has('code') || p.kinds.size > 1 || isCodeCopy(p, limits));
  return uniqueFingerprints(pairs.flatMap((pair) => findingsOf(pair, functionsOf, limits)));
}

/** The duplicates among a tree's code files, from the streams and functions in their facts. */
export function duplicationOfTree(tree: AuditTree, limits: DuplicationThresholds): Finding[] {
  const factsOf = (file: SourceFile): FileFacts => tree.facts.get(file.path) as FileFacts;
  const streams = tree.files.filter((f) => isCodeFile(f.path)).map((file) => unpackStream(factsOf(file).duplication, file));
  return duplicationFindings(streams, (file) => factsOf(file).functions, limits);
}

function isCodeCopy(pair: ClonePair, limits: DuplicationThresholds): boolean {
  if (reached(pair.a) < limits.minLines || reached(pair.b) < limits.minLines) return false;
  return !pair.atTestEdge || Math.max(lines(pair.a), lines(pair.b)) >= MIN_TEST_EDGE_LINES;
}

function findingsOf(pair: ClonePair, functionsOf: FunctionsOf, limits: DuplicationThresholds): Finding[] {
  const [symbolA, symbolB] = [symbolOf(pair.a, functionsOf), symbolOf(pair.b, functionsOf)];
  const anchor = symbolA !== undefined && symbolB !== undefined ? '' : pair.anchor;
  const group = fingerprintOf('duplication', pair.a.file.path, symbolA ?? '', pair.b.file.path, symbolB ?? '', anchor);
  const what = pair.kinds.has('code') ? `${pair.tokens} tokens` : pair.kinds.has('comment') ? 'comment' : 'literal union';
  const metric = pair.kinds.has('code')
    ? { name: 'duplicate-tokens', value: pair.tokens, limit: limits.minTokens }
    : { name: 'duplicate-lines', value: lines(pair.a), limit: 1 };
  const sides = [
    { self: pair.a, other: pair.b, symbol: symbolA, end: 'a' },
    { self: pair.b, other: pair.a, symbol: symbolB, end: 'b' },
  ];
  return sides.map(({ self, other, symbol, end }) => ({
    analyzer: 'duplication',
    path: self.file.path,
    startLine: self.startLine,
    endLine: self.endLine,
    message: `lines ${self.startLine}-${self.endLine} duplicate ${lineRange(other.file.path, other.startLine, other.endLine)} (${what})`,
    severity: 'warning',
    ...(symbol !== undefined ? { symbol } : {}),
    metric,
    related: [{ path: other.file.path, startLine: other.startLine, endLine: other.endLine }],
    group,
    fingerprint: fingerprintOf('duplication', group, end),
  }));
}

/** The innermost function holding the whole range; else what the functions starting inside it share (`Class` of two methods). */
function symbolOf(side: Side, functionsOf: FunctionsOf): string | undefined {
  const functions = functionsOf(side.file);
  let best: { name: string; size: number } | undefined;
  for (const f of functions) {
    const size = f.endLine - f.startLine;
    if (f.startLine <= side.startLine && f.endLine >= side.endLine && (!best || size < best.size)) best = { name: f.name, size };
  }
  if (best) return best.name;
  const inside = functions.filter((f) => f.startLine >= side.startLine && f.startLine <= side.endLine).map((f) => f.name.split('.'));
  if (inside.length < 2) return inside[0]?.join('.');
  const common: string[] = [];
  for (const part of inside[0] as string[]) {
    if (!inside.every((name) => name[common.length] === part)) break;
    common.push(part);
  }
  return common.length > 0 ? common.join('.') : undefined;
}

// Which findings one refactor would settle. A function's size and complexity
// findings are one proposal; a long file absorbs the findings on the
// functions and unused exports inside it (one split settles them); duplicate
// halves share their `group`; untested modules go by directory; unused
// exports, markers and `any` by file. A refactor's fingerprint names what is
// refactored (path and function, the duplicate group, the directory), never
// its current members, so fixing part keeps it open and a rejected one stays
// rejected.
import { posix } from 'node:path';
import { lineRange, linesApart } from '../shared/location.js';
import { fingerprintOf } from './fingerprint.js';
import { symbolOf, type Refactor, type RefactorKind } from './proposal-text/context.js';
import type { Finding, Location } from './types.js';

const isFileSize = (f: Finding): boolean => f.analyzer === 'size' && f.metric?.name === 'file-lines';
const suffixOf = (fingerprint: string): string => /#\d+$/.exec(fingerprint)?.[0] ?? '';

function keyOf(finding: Finding): { kind: RefactorKind; key: string } {
  switch (finding.analyzer) {
    case 'duplication':
      return { kind: 'duplicate', key: finding.group ?? finding.fingerprint };
    case 'size':
    case 'complexity': {
      const symbol = symbolOf(finding);
      if (isFileSize(finding)) return { kind: 'file', key: fingerprintOf('size', finding.path, 'file') };
      if (symbol === undefined) return { kind: 'function', key: finding.fingerprint };
      return { kind: 'function', key: fingerprintOf('size', finding.path, 'function', symbol) + suffixOf(finding.fingerprint) };
    }
    case 'cycles':
      return { kind: 'cycle', key: finding.fingerprint };
    case 'untested':
      return { kind: 'untested', key: fingerprintOf('untested', 'directory', posix.dirname(finding.path)) };
    case 'unused-exports':
      return { kind: 'unused', key: fingerprintOf('unused-exports', 'file', finding.path) };
    case 'markers':
      return { kind: 'markers', key: fingerprintOf('markers', 'file', finding.path) };
    case 'any-density':
      return { kind: 'any', key: finding.fingerprint };
  }
}

export function refactorsOf(findings: readonly Finding[]): Refactor[] {
  const units = new Map<string, Refactor>();
  for (const finding of findings) {
    const { kind, key } = keyOf(finding);
    const unit = units.get(key) ?? { kind, fingerprint: key, members: [] };
    unit.members.push(finding);
    units.set(key, unit);
  }
  const splits = new Map([...units.values()].filter((u) => u.kind === 'file').map((u) => [u.members[0]?.path, u] as const));
  for (const [key, unit] of units) {
    const split = (unit.kind === 'function' || unit.kind === 'unused') && splits.get(unit.members[0]?.path);
    if (!split) continue;
    split.members.push(...unit.members);
    units.delete(key);
  }
  mergeCloneClasses(units);
  mergeSharedFiles(units);
  return [...units.values()].map((u) => ({ ...u, members: dedupe(u.members) }));
}

/**
 * A block copied N times is reported as N·(N-1)/2 pairs; one refactor settles them all, so duplicate units
 * that share a copy (nearly the same region of one path) become one clone class,
 * named after its smallest pair's fingerprint so the name holds while copies come and go.
 */
function mergeCloneClasses(units: Map<string, Refactor>): void {
  const duplicates = [...units.values()].filter((u) => u.kind === 'duplicate');
  const parent = new Map(duplicates.map((u) => [u.fingerprint, u.fingerprint]));
  const root = (key: string): string => {
    let at = key;
    while (parent.get(at) !== at) at = parent.get(at) as string;
    return at;
  };
  const union = (x: string, y: string): void => {
    const [rx, ry] = [root(x), root(y)].sort() as [string, string];
    if (rx !== ry) parent.set(ry, rx);
  };
  const regions = duplicates.flatMap((u) => u.members.map((m) => ({ key: u.fingerprint, l: m as Location })));
  const byPath = new Map<string, typeof regions>();
  for (const region of regions) byPath.set(region.l.path, [...(byPath.get(region.l.path) ?? []), region]);
  for (const group of byPath.values()) {
    group.sort((x, y) => x.l.startLine - y.l.startLine);
    for (let i = 0; i < group.length; i++) {
      const x = group[i] as (typeof group)[number];
      for (let j = i + 1; j < group.length && (group[j] as (typeof group)[number]).l.startLine <= x.l.endLine; j++) {
        const y = group[j] as (typeof group)[number];
        if (x.key !== y.key && sameRegion(x.l, y.l)) union(x.key, y.key);
      }
    }
  }
  for (const unit of duplicates) {
    const into = root(unit.fingerprint);
    if (into === unit.fingerprint) continue;
    (units.get(into) as Refactor).members.push(...unit.members);
    units.delete(unit.fingerprint);
  }
}

/** Two files sharing at least this many separate copied blocks are one refactor: share what they copy. */
const SHARED_FILES_MIN_BLOCKS = 3;

/**
 * Two files that copy each other block after block (a class forked into a beta twin) are one refactor, not one
 * proposal per block: duplicates whose copies lie in the same two files become one `shared-files` unit, named after the pair.
 */
function mergeSharedFiles(units: Map<string, Refactor>): void {
  const byPair = new Map<string, Refactor[]>();
  for (const unit of units.values()) {
    if (unit.kind !== 'duplicate') continue;
    const paths = [...new Set(unit.members.map((m) => m.path))].sort();
    if (paths.length !== 2) continue;
    const key = paths.join('\u0000');
    byPair.set(key, [...(byPair.get(key) ?? []), unit]);
  }
  for (const [key, pair] of byPair) {
    if (pair.length < SHARED_FILES_MIN_BLOCKS) continue;
    const fingerprint = fingerprintOf('duplication', 'shared-files', ...key.split('\u0000'));
    units.set(fingerprint, { kind: 'shared-files', fingerprint, members: pair.flatMap((u) => u.members) });
    for (const unit of pair) units.delete(unit.fingerprint);
  }
}

/** Nearly the same region (the overlap covers 70% of the longer one): a copy inside a bigger copy is another block. */
function sameRegion(a: Location, b: Location): boolean {
  const overlap = 1 - linesApart(a, b);
  return overlap * 10 >= 7 * Math.max(a.endLine - a.startLine + 1, b.endLine - b.startLine + 1);
}

/** Both halves of a duplicate report the same pair: one member per location, in reading order. */
function dedupe(members: Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...members]
    .sort((a, b) => Number(isFileSize(b)) - Number(isFileSize(a)) || a.path.localeCompare(b.path) || a.startLine - b.startLine)
    .filter((m) => {
      const key = `${m.analyzer} ${lineRange(m.path, m.startLine, m.endLine)}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** The distinct copies among a clone class's members: regions of one path that overlap are one copy (their union). */
export function copiesOf(members: readonly Location[]): Location[] {
  const sorted = [...members].sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine);
  const copies: Location[] = [];
  for (const m of sorted) {
    const last = copies.at(-1);
    if (last && last.path === m.path && m.startLine <= last.endLine) last.endLine = Math.max(last.endLine, m.endLine);
    else copies.push({ path: m.path, startLine: m.startLine, endLine: m.endLine });
  }
  return copies;
}

// Which findings one refactor would settle. A function's size and complexity
// findings are one proposal; a long file absorbs the findings on the
// functions and unused exports inside it (one split settles them); duplicate
// halves share their `group`; untested modules go by directory; unused
// exports, markers and `any` by file. A refactor's fingerprint names what is
// refactored (path and function, the duplicate group, the directory), never
// its current members, so fixing part keeps it open and a rejected one stays
// rejected.
import { posix } from 'node:path';
import { lineRange } from '../shared/location.js';
import { fingerprintOf } from './fingerprint.js';
import { symbolOf, type Refactor, type RefactorKind } from './proposal-text/context.js';
import type { Finding } from './types.js';

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
  return [...units.values()].map((u) => ({ ...u, members: dedupe(u.members) }));
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

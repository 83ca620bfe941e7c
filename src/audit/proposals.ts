// Findings → proposal drafts (the `proposal.created` data without its id).
// One proposal per duplicate pair, per oversized file or function, per
// complex function, per cycle and per file's `any`; untested modules grouped
// by directory; unused exports and markers grouped by file. A group's
// fingerprint names the group (not its current members), so fixing part of
// it keeps the proposal open and fixing all of it lets `reconcile` close it.
import { posix } from 'node:path';
import type { EventData } from '../record/events.js';
import { lineRange } from '../shared/location.js';
import { fingerprintOf } from './fingerprint.js';
import { describe, type ProposalText } from './proposal-text.js';
import { ANALYZERS, type AnalyzerName, type Finding, type Location, type SourceFile } from './types.js';

export type ProposalDraft = Omit<EventData<'proposal.created'>, 'id'>;

const MAX_EVIDENCE = 50;
const MAX_ACCEPTANCE = 20;
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export const evidenceOf = (location: Location): string => lineRange(location.path, location.startLine, location.endLine);

/** Which proposal a finding belongs to; findings with the same key become one proposal. */
function groupKey(finding: Finding): string {
  switch (finding.analyzer) {
    case 'duplication':
      return finding.group ?? finding.fingerprint;
    case 'untested':
      return fingerprintOf('untested', 'directory', posix.dirname(finding.path));
    case 'unused-exports':
    case 'markers':
      return fingerprintOf(finding.analyzer, 'file', finding.path);
    default:
      return finding.fingerprint;
  }
}

export function proposalsFromFindings(findings: readonly Finding[], _files: readonly SourceFile[] = []): ProposalDraft[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = groupKey(finding);
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const drafts = [...groups.entries()].map(([fingerprint, members]) => ({ fingerprint, members: sortMembers(members) }));
  drafts.sort(
    (a, b) =>
      rank(a.members) - rank(b.members) || order(a.members) - order(b.members) || firstPath(a.members).localeCompare(firstPath(b.members)),
  );
  return drafts.map(({ fingerprint, members }) => draftFor(fingerprint, members));
}

function draftFor(fingerprint: string, members: Finding[]): ProposalDraft {
  const text: ProposalText = describe(members);
  const locations = members.flatMap((m) => [m, ...(m.analyzer === 'cycles' ? (m.related ?? []) : [])]);
  const evidence = [...new Set(locations.map(evidenceOf))].slice(0, MAX_EVIDENCE);
  return {
    title: clip(text.title, 300),
    why: clip(text.why, 4000),
    evidence,
    size: text.size,
    risk: text.risk,
    acceptance: acceptanceOf(text.acceptance).map((a) => clip(a, 2000)),
    fingerprint,
    source: 'static',
    related: [],
  };
}

/** The analyzer's criteria and "the tests pass"; when too many, the last two (the re-audit and the tests) are kept. */
function acceptanceOf(criteria: string[]): string[] {
  const all = [...criteria, 'The tests pass (the configured gate commands exit 0)'];
  return all.length <= MAX_ACCEPTANCE ? all : [...all.slice(0, MAX_ACCEPTANCE - 2), ...all.slice(-2)];
}

/** Both sides of a duplicate report the same pair: keep one member per location. */
function sortMembers(members: Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...members]
    .sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine)
    .filter((m) => {
      const key = evidenceOf(m);
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

const rank = (members: Finding[]): number => Math.min(...members.map((m) => SEVERITY_RANK[m.severity]));
const order = (members: Finding[]): number => ANALYZERS.indexOf((members[0] as Finding).analyzer as AnalyzerName);
const firstPath = (members: Finding[]): string => (members[0] as Finding).path;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);

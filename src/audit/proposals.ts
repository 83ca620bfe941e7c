// Findings → proposal drafts (the `proposal.created` data without its id),
// one per refactor (see proposal-units.ts), each with a concrete fix drawn
// from the code, ranked best first by value over risk. Every draft is
// returned: whoever records them caps how many, and must still see the rest
// so it does not close a proposal that merely fell below the cap.
import type { EventData } from '../record/events.js';
import { lineRange, linesApart } from '../shared/location.js';
import { codeIndex } from './code-index.js';
import { anchorsOf } from './anchors.js';
import { riskOf, scoreOf, sizeOf } from './proposal-rank.js';
import { overlapNote } from './proposal-text/overlap-note.js';
import { belowBar } from './proposal-bar.js';
import { isTestPath } from './proposal-text/context.js';
import { describeRefactor, type CodeIndex, type Refactor } from './proposal-text/index.js';
import { copiesOf, refactorsOf } from './proposal-units.js';
import type { Finding, Location, SourceFile } from './types.js';
import type { Describe } from './words-memo.js';

export type ProposalDraft = Omit<EventData<'proposal.created'>, 'id'>;

export interface ScoredProposal {
  draft: ProposalDraft;
  /** Value over risk: higher is better within a tier. */
  score: number;
  /**
   * 0: a concrete fix for source code; 1: a concrete fix for test code only; 2: no concrete step, table or move found.
   * Every proposal of a lower tier ranks first: a fix that only says "split it somehow" is not worth a maintainer's time
   * before any concrete one. Such proposals are still drafted (the recorder caps how many it keeps), so their findings
   * stay linked to a proposal that can be refined by the model or by hand.
   * 3: below the bar (see proposal-bar.ts): kept as findings, never recorded as a proposal.
   */
  tier: 0 | 1 | 2 | 3;
  /** Why it is below the bar (tier 3). */
  belowBar?: string;
}

/** Every draft, best first; only the first `proposable` (tiers 0 and 1) are worth recording as proposals, the rest stay findings. */
export interface RankedDrafts {
  drafts: ProposalDraft[];
  proposable: number;
}

const MAX_EVIDENCE = 50;
const MAX_ACCEPTANCE = 20;
const MAX_RELATED = 20;
const TESTS_PASS = 'The tests pass (the configured gate commands exit 0)';

export const evidenceOf = (location: Location): string => lineRange(location.path, location.startLine, location.endLine);

/** Every draft, best first. */
export function proposalsFromFindings(findings: readonly Finding[], files: readonly SourceFile[] = []): ProposalDraft[] {
  return scoredProposals(findings, files).map((s) => s.draft);
}

export function rankedDrafts(findings: readonly Finding[], files: readonly SourceFile[] = [], describe?: Describe): RankedDrafts {
  const scored = scoredProposals(findings, files, describe);
  // A fix that names no concrete step (tier 2) is no more use to a maintainer than the finding itself.
  return { drafts: scored.map((s) => s.draft), proposable: scored.filter((s) => s.tier < 2).length };
}

/** Every draft with its score, best first: by tier, then score (ties by fingerprint, so the order is stable). */
export function scoredProposals(
  findings: readonly Finding[],
  files: readonly SourceFile[] = [],
  describe: Describe = describeRefactor,
): ScoredProposal[] {
  const index = codeIndex(files, findings);
  const refactors = refactorsOf(findings);
  const related = relatedOf(refactors);
  const copies = new Map(refactors.filter((r) => r.kind === 'duplicate').map((r) => [r.fingerprint, copiesOf(r.members)]));
  const all = refactors
    .map((refactor) => scored(refactor, index, related.get(refactor.fingerprint) ?? [], describe))
    .sort((a, b) => a.tier - b.tier || b.score - a.score || a.draft.fingerprint.localeCompare(b.draft.fingerprint));
  return foldTwins(all, copies).sort((a, b) => a.tier - b.tier || b.score - a.score);
}

/** Copies this close to another proposal's copies (a closing brace and a blank line apart) are one change with them: a `min` getter beside its `max` twin. */
const TWIN_GAP_LINES = 5;

/**
 * A duplicate whose every copy sits beside a copy of a better-ranked proposed duplicate, copy for copy, is the same
 * refactor seen twice: it stays a finding, and the proposal above names its copies too. So is one whose copies overlap
 * two or more of the other's (a block inside a longer copied stretch): one helper takes both.
 */
function foldTwins(all: ScoredProposal[], copies: Map<string, Location[]>): ScoredProposal[] {
  const kept: ScoredProposal[] = [];
  return all.map((proposal) => {
    const mine = copies.get(proposal.draft.fingerprint);
    if (proposal.tier >= 2 || !mine) return proposal;
    const near = (k: ScoredProposal, gap: number) =>
      mine.filter((c) => (copies.get(k.draft.fingerprint) as Location[]).some((t) => t.path === c.path && linesApart(t, c) <= gap)).length;
    const twin = kept.find((k) => copies.get(k.draft.fingerprint)?.length === mine.length && near(k, TWIN_GAP_LINES) === mine.length);
    const overlap = twin ? undefined : kept.find((k) => near(k, 0) >= 2);
    const host = twin ?? overlap;
    if (!host) {
      kept.push(proposal);
      return proposal;
    }
    // A twin (the `min` getters beside the `max` ones) is its own loop: it gets a helper of its own, named and counted.
    const second = /into (`[^`]+`)$/.exec(proposal.draft.title)?.[1] ?? 'a second helper of the same shape';
    const note = twin
      ? `The copies beside them go the same way, into ${second}: ${mine.map(evidenceOf).join(', ')}.`
      : overlapNote(mine, copies.get(host.draft.fingerprint) ?? []);
    if (note !== '') host.draft.fix = clip(`${host.draft.fix ?? ''}\n${note}`, 4000);
    // Declining the host declines what it now names too.
    host.draft.anchors = [...new Set([...(host.draft.anchors ?? []), ...(proposal.draft.anchors ?? [])])].sort().slice(0, MAX_EVIDENCE);
    if (twin)
      host.draft.acceptance = acceptanceOf([
        ...host.draft.acceptance.filter((a) => a !== TESTS_PASS),
        `The ${mine.length} copies beside them use ${second}`,
      ]);
    const why = twin ? 'beside the copies of' : 'overlaps the copies of';
    return { ...proposal, tier: 3, belowBar: `${why} "${host.draft.title}": one change settles both` };
  });
}

function scored(refactor: Refactor, index: CodeIndex, related: string[], describe: Describe): ScoredProposal {
  const words = describe(refactor, index);
  const locations =
    words.locations ??
    (refactor.kind === 'duplicate' || refactor.kind === 'shared-files'
      ? copiesOf(refactor.members)
      : refactor.members.flatMap((m) => [m, ...(m.analyzer === 'cycles' ? (m.related ?? []) : [])]));
  const evidence = [...new Set(locations.map(evidenceOf))].slice(0, MAX_EVIDENCE);
  const importers = Math.max(0, ...refactor.members.map((m) => index.importers(m.path)));
  const draft: ProposalDraft = {
    title: clip(words.title, 300),
    why: clip(words.why, 4000),
    evidence,
    size: sizeOf(words.change),
    risk: riskOf(words.change),
    acceptance: acceptanceOf(words.acceptance).map((a) => clip(a, 2000)),
    fingerprint: refactor.fingerprint,
    source: 'static',
    fix: clip(words.fix, 4000),
    related: related.slice(0, MAX_RELATED),
    anchors: anchorsOf(refactor, words.locations ?? [], (path) => index.file(path)).slice(0, MAX_EVIDENCE),
  };
  const testOnly = refactor.members.every((m) => [m, ...(m.related ?? [])].every((l) => isTestPath(l.path)));
  const bar = belowBar(refactor, words, index);
  const tier = bar !== undefined ? 3 : words.concrete === false ? 2 : testOnly ? 1 : 0;
  return { draft, tier, score: Math.round(scoreOf(words.value, words.change, importers) * 100) / 100, ...(bar ? { belowBar: bar } : {}) };
}

/** The describer's criteria, then "the tests pass"; when too many, the first ones and the last are kept. */
function acceptanceOf(criteria: string[]): string[] {
  const all = [...criteria, TESTS_PASS];
  return all.length <= MAX_ACCEPTANCE ? all : [...all.slice(0, MAX_ACCEPTANCE - 1), TESTS_PASS];
}

/**
 * Refactors whose code overlaps, best read together: a duplicate inside a function or file being reworked,
 * two duplicates sharing a copy. Whole-module findings (untested) are left out: they overlap everything.
 */
function relatedOf(refactors: Refactor[]): Map<string, string[]> {
  const spans = refactors
    .filter((r) => r.kind !== 'untested')
    .flatMap((r) => r.members.flatMap((m) => [m, ...(m.related ?? [])]).map((l) => ({ fingerprint: r.fingerprint, l })));
  const byPath = new Map<string, typeof spans>();
  for (const span of spans) byPath.set(span.l.path, [...(byPath.get(span.l.path) ?? []), span]);
  const related = new Map<string, Set<string>>();
  for (const group of byPath.values()) {
    for (const x of group) {
      for (const y of group) {
        if (x.fingerprint === y.fingerprint || linesApart(x.l, y.l) > 0) continue;
        related.set(x.fingerprint, (related.get(x.fingerprint) ?? new Set()).add(y.fingerprint));
      }
    }
  }
  return new Map([...related].map(([k, v]) => [k, [...v].sort()]));
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);

// Keeps the record's proposals in step with the latest audit: a draft whose
// fingerprint is already open is not proposed again; an open static proposal
// whose fingerprint no longer appears is closed, because its finding is gone.
// An approved one closes only when its tasks are done too: the audit confirms
// the work, it does not replace it.
import { withinDeclined } from './declined.js';
import type { ProposalDraft } from './proposals.js';

export interface KnownProposal {
  id: string;
  fingerprint: string;
  /** Only `static` proposals are closed here; a model's design proposals have no finding to disappear. */
  source?: string;
  /** `path:start-end` strings; with `scannedPaths`, a proposal is closed only if all its paths were audited. */
  evidence?: string[];
  /** Absent means `open`. */
  status?: 'open' | 'approved';
  /** An approved proposal's tasks that are not done yet; it is not closed while any remain. */
  unfinishedTasks?: string[];
}

export interface ReconcileOptions {
  /** Fingerprints never to propose again (rejected proposals). */
  suppressed?: Iterable<string>;
  /** The anchors of each proposal declined for good: a draft whose every anchor lies within one is not proposed. */
  declined?: readonly (readonly string[])[];
  /** When the audit covered only part of the tree: the paths it read. */
  scannedPaths?: Iterable<string>;
}

export interface Reconciliation {
  toCreate: ProposalDraft[];
  toClose: { id: string; reason: string }[];
  /** Approved static proposals left approved, and why: their tasks are not done, or the audit still reports the finding. */
  kept: { id: string; reason: string }[];
}

export function reconcile(
  openProposals: readonly KnownProposal[],
  drafts: readonly ProposalDraft[],
  options: ReconcileOptions = {},
): Reconciliation {
  const open = new Set(openProposals.map((p) => p.fingerprint));
  const suppressed = new Set(options.suppressed ?? []);
  const declined = options.declined ?? [];
  const current = new Set(drafts.map((d) => d.fingerprint));
  const scanned = options.scannedPaths ? new Set(options.scannedPaths) : null;
  const toCreate: ProposalDraft[] = [];
  for (const draft of drafts) {
    if (open.has(draft.fingerprint) || suppressed.has(draft.fingerprint) || withinDeclined(draft.anchors, declined)) continue;
    open.add(draft.fingerprint); // a fingerprint twice in one batch is created once
    toCreate.push(draft);
  }
  const toClose: Reconciliation['toClose'] = [];
  const kept: Reconciliation['kept'] = [];
  for (const p of openProposals) {
    if ((p.source ?? 'static') !== 'static') continue;
    const gone = !current.has(p.fingerprint) && (scanned === null || (p.evidence ?? []).every((e) => scanned.has(pathOf(e))));
    const unfinished = p.unfinishedTasks ?? [];
    if (p.status !== 'approved') {
      if (gone) toClose.push({ id: p.id, reason: GONE });
    } else if (unfinished.length > 0) {
      if (gone) kept.push({ id: p.id, reason: `${GONE_BUT_OPEN} (${unfinished.join(', ')} still to do)` });
    } else if (gone) {
      toClose.push({ id: p.id, reason: CONFIRMED });
    } else if (current.has(p.fingerprint)) {
      kept.push({ id: p.id, reason: STILL_REPORTED });
    }
  }
  return { toCreate, toClose, kept };
}

const GONE = 'the audit no longer reports this finding: it was fixed (or the code it pointed at is gone)';
const CONFIRMED = 'fixed: its tasks are done and the audit no longer reports this finding';
const GONE_BUT_OPEN = 'stays approved: the audit no longer reports this finding, but its tasks are not all done';
const STILL_REPORTED = 'stays approved: its tasks are done, but the audit still reports this finding';

const pathOf = (evidence: string): string => evidence.replace(/:\d+-\d+$/, '');

// Keeps the record's proposals in step with the latest audit: a draft whose
// fingerprint is already open is not proposed again; an open static proposal
// whose fingerprint no longer appears is closed, because its finding is gone.
import type { ProposalDraft } from './proposals.js';

export interface KnownProposal {
  id: string;
  fingerprint: string;
  /** Only `static` proposals are closed here; a model's design proposals have no finding to disappear. */
  source?: string;
  /** `path:start-end` strings; with `scannedPaths`, a proposal is closed only if all its paths were audited. */
  evidence?: string[];
}

export interface ReconcileOptions {
  /** Fingerprints never to propose again (rejected proposals). */
  suppressed?: Iterable<string>;
  /** When the audit covered only part of the tree: the paths it read. */
  scannedPaths?: Iterable<string>;
}

export interface Reconciliation {
  toCreate: ProposalDraft[];
  toClose: { id: string; reason: string }[];
}

export function reconcile(
  openProposals: readonly KnownProposal[],
  drafts: readonly ProposalDraft[],
  options: ReconcileOptions = {},
): Reconciliation {
  const open = new Set(openProposals.map((p) => p.fingerprint));
  const suppressed = new Set(options.suppressed ?? []);
  const current = new Set(drafts.map((d) => d.fingerprint));
  const scanned = options.scannedPaths ? new Set(options.scannedPaths) : null;
  const toCreate: ProposalDraft[] = [];
  for (const draft of drafts) {
    if (open.has(draft.fingerprint) || suppressed.has(draft.fingerprint)) continue;
    open.add(draft.fingerprint); // a fingerprint twice in one batch is created once
    toCreate.push(draft);
  }
  const toClose = openProposals
    .filter((p) => (p.source ?? 'static') === 'static' && !current.has(p.fingerprint))
    .filter((p) => scanned === null || (p.evidence ?? []).every((e) => scanned.has(pathOf(e))))
    .map((p) => ({ id: p.id, reason: 'the audit no longer reports this finding: it was fixed (or the code it pointed at is gone)' }));
  return { toCreate, toClose };
}

const pathOf = (evidence: string): string => evidence.replace(/:\d+-\d+$/, '');

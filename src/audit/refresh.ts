// Evidence that follows the code: a fresh audit's draft for a proposal already in the record (same
// fingerprint) replaces the stored lines and text when they differ, as one `proposal.refreshed` event.
// Fields the auditor agent refined stay as it wrote them, so only the rest is compared.
import { isDeepStrictEqual } from 'node:util';
import type { EventData } from '../record/events.js';
import { draftFields } from '../record/proposal-draft.js';
import type { Proposal } from '../record/tables.js';
import type { ProposalDraft } from './proposals.js';

export type Refresh = EventData<'proposal.refreshed'>;

const TEXT_FIELDS = ['title', 'why', 'fix', 'acceptance', 'size', 'risk'] as const;

/** One refresh per live static proposal whose draft reads differently today; none when nothing changed. */
export function refreshesFor(live: readonly Proposal[], drafts: readonly ProposalDraft[]): Refresh[] {
  const byFingerprint = new Map<string, Proposal>();
  for (const p of live) if (p.source === 'static' && (p.status === 'open' || p.status === 'approved')) byFingerprint.set(p.fingerprint, p);
  const refreshes: Refresh[] = [];
  for (const draft of drafts) {
    const p = byFingerprint.get(draft.fingerprint);
    if (!p) continue;
    byFingerprint.delete(draft.fingerprint); // a fingerprint twice in one batch: the first (best-ranked) draft speaks
    if (!changed(p, draft)) continue;
    refreshes.push({ id: p.id, ...draftFields(draft) });
  }
  return refreshes;
}

function changed(p: Proposal, draft: ProposalDraft): boolean {
  if (!isDeepStrictEqual(p.evidence, draft.evidence) || !isDeepStrictEqual(p.related ?? [], draft.related)) return true;
  if (draft.anchors !== undefined && !isDeepStrictEqual(p.anchors ?? [], draft.anchors)) return true;
  const refined = new Set(p.refined ?? []);
  return TEXT_FIELDS.some((field) => !refined.has(field) && !isDeepStrictEqual(p[field], draft[field]));
}

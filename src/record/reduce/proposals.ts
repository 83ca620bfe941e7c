// Proposals: created by the audit (or the auditor agent), refreshed by later audits, refined by the auditor
// agent, then approved, rejected or closed. Refreshing and refining change only a live (open or approved) one.
import type { RecordEventOf } from '../events.js';
import { draftFields } from '../proposal-draft.js';
import { refuse } from '../refusal.js';
import { REFINABLE_FIELDS, type Proposal, type RefinableField } from '../tables.js';
import type { Tx } from '../tx.js';
import { bumpIdCounter, requireEntity, requireNew } from './common.js';

export function proposalCreated(tx: Tx, event: RecordEventOf<'proposal.created'>): void {
  const d = event.data;
  requireNew(tx, 'proposals', d.id);
  for (const p of tx.rows('proposals')) {
    if (p.fingerprint === d.fingerprint && (p.status === 'open' || p.status === 'approved')) {
      return refuse(
        'duplicate-proposal',
        `this finding is already proposed as ${p.id} ("${p.title}")`,
        `see it with \`crucible proposals show ${p.id}\``,
      );
    }
  }
  bumpIdCounter(tx, d.id);
  const { id, fingerprint, source } = d;
  tx.put('proposals', id, {
    id,
    ...draftFields(d),
    fingerprint,
    source,
    status: 'open',
    taskIds: [],
    createdAt: event.ts,
    updatedAt: event.ts,
  });
}

export function proposalResolved(tx: Tx, event: RecordEventOf<'proposal.approved' | 'proposal.rejected' | 'proposal.closed'>): void {
  const allowed = event.type === 'proposal.closed' ? ['open', 'approved'] : ['open'];
  const p = proposalIn(tx, event.data.id, allowed, event.type.split('.')[1]!);
  if (event.type === 'proposal.approved') {
    for (const t of event.data.taskIds) requireEntity(tx, t, 'task');
    tx.put('proposals', p.id, { ...p, status: 'approved', taskIds: event.data.taskIds, updatedAt: event.ts });
  } else {
    const status = event.type === 'proposal.rejected' ? 'rejected' : 'closed';
    tx.put('proposals', p.id, { ...p, status, resolution: event.data.reason, updatedAt: event.ts });
  }
}

/**
 * Declined for good: an open proposal, or one rejected before, becomes a declined rejection. It stays `rejected` (so
 * everything that reads statuses reads it as before); the audit also skips any later finding within its anchors.
 */
export function proposalDeclined(tx: Tx, event: RecordEventOf<'proposal.declined'>): void {
  const p = proposalIn(tx, event.data.id, ['open', 'rejected'], 'declined');
  tx.put('proposals', p.id, { ...p, status: 'rejected', declined: true, resolution: event.data.reason, updatedAt: event.ts });
}

/** Today's static draft replaces the text, except the fields a model refined; the evidence always follows the code. */
export function proposalRefreshed(tx: Tx, event: RecordEventOf<'proposal.refreshed'>): void {
  const p = staticLiveProposal(tx, event.data.id, 'refreshed');
  const { id: _id, fix, evidence, related, anchors, ...text } = event.data;
  const { fix: _oldFix, ...withoutFix } = p;
  const kept = refinedValues(p);
  tx.put('proposals', p.id, {
    ...withoutFix,
    ...text,
    ...(fix !== undefined ? { fix } : {}),
    ...(anchors !== undefined ? { anchors } : {}),
    ...kept,
    evidence,
    related,
    updatedAt: event.ts,
  });
}

export function proposalRefined(tx: Tx, event: RecordEventOf<'proposal.refined'>): void {
  const p = staticLiveProposal(tx, event.data.id, 'refined');
  const { id: _id, ...changes } = event.data;
  const fields = REFINABLE_FIELDS.filter((f) => changes[f] !== undefined);
  if (fields.length === 0)
    return refuse('bad-input', `refining ${p.id} changes nothing`, `give at least one of ${REFINABLE_FIELDS.join(', ')}`);
  const refined = REFINABLE_FIELDS.filter((f) => fields.includes(f) || (p.refined ?? []).includes(f));
  tx.put('proposals', p.id, { ...p, ...changes, refined, refinedBy: event.actor, updatedAt: event.ts });
}

/** The current values of the fields a model refined, so a refresh keeps them. */
function refinedValues(p: Proposal): Partial<Pick<Proposal, RefinableField>> {
  const kept: Partial<Record<RefinableField, unknown>> = {};
  for (const field of p.refined ?? []) if (p[field] !== undefined) kept[field] = p[field];
  return kept as Partial<Pick<Proposal, RefinableField>>;
}

function staticLiveProposal(tx: Tx, id: string, verb: string): Proposal {
  const p = proposalIn(tx, id, ['open', 'approved'], verb);
  if (p.source !== 'static')
    refuse(
      'not-static',
      `proposal ${p.id} came from ${p.source}, not from the static audit; only static proposals are ${verb}`,
      'refine only the static proposals your brief lists; to change a design proposal, propose a new one',
    );
  return p;
}

function proposalIn(tx: Tx, id: string, allowed: string[], verb: string): Proposal {
  const p = tx.get('proposals', id);
  if (!p) return refuse('unknown-id', `proposal ${id} does not exist in the record`, 'list proposals with `crucible proposals list`');
  if (!allowed.includes(p.status)) {
    refuse(
      'illegal-transition',
      `proposal ${p.id} is ${p.status}; only an ${allowed.join(' or ')} proposal can be ${verb}`,
      `see it with \`crucible proposals show ${p.id}\``,
    );
  }
  return p;
}

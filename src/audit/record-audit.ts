import type { EventDraft } from '../record/events.js';
import { RecordRefusal } from '../record/refusal.js';
import type { EventStore } from '../record/event-store.js';
import type { Proposal } from '../record/tables.js';
import { proposalsFromFindings } from './proposals.js';
import { reconcile } from './reconcile.js';
import type { AuditResult } from './run.js';

export interface RecordedAudit {
  created: string[];
  closed: string[];
  /** Approved proposals the audit left approved, each with why (see `reconcile`). */
  kept: { id: string; reason: string }[];
}

/**
 * Records what an audit found: new proposals, and closes those whose finding is gone — an approved one only
 * once its tasks are done. Rejected findings stay rejected.
 */
export async function recordAudit(store: EventStore, result: AuditResult, actor: string): Promise<RecordedAudit> {
  const known = [...store.view.rows('proposals')];
  const live = known.flatMap((p) =>
    p.status === 'open' || p.status === 'approved' ? [{ ...p, status: p.status, unfinishedTasks: unfinished(store, p) }] : [],
  );
  const suppressed = known.filter((p) => p.status === 'rejected').map((p) => p.fingerprint);
  const plan = reconcile(live, proposalsFromFindings(result.findings, result.files), { suppressed });
  const drafts: EventDraft[] = [
    ...plan.toCreate.map((d): EventDraft => ({ type: 'proposal.created', actor, data: d })),
    ...plan.toClose.map((c): EventDraft => ({ type: 'proposal.closed', actor, data: c })),
  ];
  const events = await store.appendAll(drafts);
  const ids = (type: string) => events.filter((e) => e.type === type).map((e) => (e.data as { id: string }).id);
  return { created: ids('proposal.created'), closed: ids('proposal.closed'), kept: plan.kept };
}

const unfinished = (store: EventStore, p: Proposal): string[] => p.taskIds.filter((t) => store.view.get('tasks', t)?.status !== 'done');

/** Approving a proposal creates its work: an implementation task, then a test task, gated like every task. */
export async function approveProposal(store: EventStore, proposal: Proposal, actor: string): Promise<[string, string]> {
  try {
    return await approveOnce(store, proposal, actor);
  } catch (error) {
    // Another append took the ids we counted on (it was still being written when we read the counter): count again.
    if (error instanceof RecordRefusal && error.code === 'duplicate-id') return approveOnce(store, proposal, actor);
    throw error;
  }
}

async function approveOnce(store: EventStore, proposal: Proposal, actor: string): Promise<[string, string]> {
  const next = (store.view.get('counters', 'id.T')?.value ?? 0) + 1;
  const [impl, test] = [`T-${next}`, `T-${next + 1}`] as const;
  const description = `${proposal.why}\nEvidence: ${proposal.evidence.join(', ')}`;
  await store.appendAll([
    {
      type: 'task.created',
      actor,
      data: {
        id: impl,
        title: `Improve: ${proposal.title}`,
        role: 'implementer',
        description,
        acceptance: proposal.acceptance,
        proposalId: proposal.id,
        phaseOrder: false,
      },
    },
    {
      type: 'task.created',
      actor,
      data: {
        id: test,
        title: `Verify: ${proposal.title}`,
        role: 'tester',
        description: `Prove ${impl} kept behaviour: the tests pass and cover the changed code.`,
        deps: [impl],
        acceptance: ['the tests pass'],
        proposalId: proposal.id,
        phaseOrder: false,
      },
    },
    { type: 'proposal.approved', actor, data: { id: proposal.id, taskIds: [impl, test] } },
  ]);
  return [impl, test];
}

/** Approved proposals whose tasks are all done: the ones a re-audit must confirm. */
export function proposalsAwaitingReaudit(store: EventStore): Proposal[] {
  return [...store.view.rows('proposals')].filter(
    (p) => p.status === 'approved' && p.taskIds.length > 0 && unfinished(store, p).length === 0,
  );
}

import type { EventDraft } from '../record/events.js';
import { RecordRefusal } from '../record/refusal.js';
import type { EventStore } from '../record/event-store.js';
import type { Proposal } from '../record/tables.js';
import { defaultAuditConfig } from './config.js';
import type { ProposalDraft, RankedDrafts } from './proposals.js';
import { reconcile } from './reconcile.js';
import { refreshesFor } from './refresh.js';
import type { AuditResult } from './run.js';

export interface RecordedAudit {
  created: string[];
  closed: string[];
  /** Approved proposals the audit left approved, each with why (see `reconcile`). */
  kept: { id: string; reason: string }[];
  /** Live proposals whose evidence or text the audit brought up to date (`proposal.refreshed`). */
  refreshed: string[];
  /** Drafts worth proposing but past `audit.proposals.max`, best-ranked first: still findings, not recorded as proposals. */
  notProposed: { title: string; evidence: string[]; fingerprint: string }[];
  /** How many drafts fell below the proposal bar (see proposal-bar.ts): findings only, never proposed. */
  belowBar: number;
  /** Open static proposals in this audit's rank order, best first: the ones the auditor agent may refine. */
  ranked: string[];
}

export interface RecordAuditOptions {
  /** Most open static proposals at a time (`audit.proposals.max`); those already open count. */
  maxProposals?: number;
  /** The drafts of this audit's findings when the caller already has them (see proposal-cache.ts). */
  drafts?: RankedDrafts;
}

/**
 * Records what an audit found: refreshes the evidence of proposals it still reports, proposes new findings up to the
 * cap (best-ranked first), and closes those whose finding is gone — an approved one only once its tasks are done.
 * Rejected findings stay rejected; declined ones too, with every later finding within their anchors.
 * Closing sees every draft, so a finding past the cap does not close its proposal.
 */
export async function recordAudit(
  store: EventStore,
  result: AuditResult,
  actor: string,
  options: RecordAuditOptions = {},
): Promise<RecordedAudit> {
  const known = [...store.view.rows('proposals')];
  const live = known.flatMap((p) =>
    p.status === 'open' || p.status === 'approved' ? [{ ...p, status: p.status, unfinishedTasks: unfinished(store, p) }] : [],
  );
  const suppressed = known.filter((p) => p.status === 'rejected').map((p) => p.fingerprint);
  const declined = known.flatMap((p) => (p.declined && p.anchors && p.anchors.length > 0 ? [p.anchors] : []));
  // Loaded only when needed: drafting brings the TypeScript compiler.
  const { drafts: ranked, proposable } = options.drafts ?? (await import('./proposals.js')).rankedDrafts(result.findings, result.files);
  const worthProposing = new Set(ranked.slice(0, proposable).map((d) => d.fingerprint));
  const plan = reconcile(live, ranked, { suppressed, declined });
  const toCreate = plan.toCreate.filter((d) => worthProposing.has(d.fingerprint));
  const closing = new Set(plan.toClose.map((c) => c.id));
  const stillOpen = live.filter((p) => p.status === 'open' && p.source === 'static' && !closing.has(p.id)).length;
  const room = Math.max(0, (options.maxProposals ?? defaultAuditConfig().proposals.max) - stillOpen);
  const drafts: EventDraft[] = [
    ...refreshesFor(live, ranked).map((data): EventDraft => ({ type: 'proposal.refreshed', actor, data })),
    ...toCreate.slice(0, room).map((d): EventDraft => ({ type: 'proposal.created', actor, data: d })),
    ...plan.toClose.map((c): EventDraft => ({ type: 'proposal.closed', actor, data: c })),
  ];
  const events = await store.appendAll(drafts);
  const ids = (type: string) => events.filter((e) => e.type === type).map((e) => (e.data as { id: string }).id);
  return {
    created: ids('proposal.created'),
    closed: ids('proposal.closed'),
    kept: plan.kept,
    refreshed: ids('proposal.refreshed'),
    notProposed: toCreate.slice(room).map(({ title, evidence, fingerprint }) => ({ title, evidence, fingerprint })),
    belowBar: ranked.length - proposable,
    ranked: openInRankOrder(store, ranked),
  };
}

function openInRankOrder(store: EventStore, ranked: readonly ProposalDraft[]): string[] {
  const open = new Map<string, string>();
  for (const p of store.view.rows('proposals')) if (p.status === 'open' && p.source === 'static') open.set(p.fingerprint, p.id);
  return [...new Set(ranked.flatMap((d) => open.get(d.fingerprint) ?? []))];
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

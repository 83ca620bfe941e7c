// `crucible proposals`: list, show, approve (creates gated tasks), reject and decline (for good) the audit's proposals.
import { decideProposalOp } from '../../app/operations/index.js';
import { proposalId } from '../../record/ids.js';
import { compareIds } from '../../record/queries.js';
import type { Proposal } from '../../record/tables.js';
import { notFound, usageError } from '../../shared/errors.js';
import type { Workspace } from '../../workspace/open.js';
import { callWorkspaceOrSession, contextOf, emit, withWorkspace } from '../context.js';
import { parseChoice } from '../parse.js';
import type { Register } from './types.js';

/** The live proposals a proposal names as related (by fingerprint), as ids. */
function relatedIds(ws: Workspace, p: Proposal): string[] {
  const wanted = new Set(p.related ?? []);
  return [...ws.store.view.rows('proposals')]
    .filter((r) => r.id !== p.id && wanted.has(r.fingerprint) && (r.status === 'open' || r.status === 'approved'))
    .map((r) => r.id)
    .sort(compareIds);
}

export const registerProposals: Register = (program, base) => {
  const proposals = program
    .command('proposals')
    .description('improvement proposals from the audit: list, show, approve (creates gated tasks), reject, decline (for good)');
  proposals
    .command('list')
    .option('--status <status>', 'open (default), approved, rejected, closed or all', 'open')
    .action(async (opts: { status: string }, command) => {
      const ctx = contextOf(command, base);
      parseChoice('--status', opts.status, ['open', 'approved', 'rejected', 'closed', 'all'] as const);
      const rows = await withWorkspace(ctx, async (ws) =>
        [...ws.store.view.rows('proposals')]
          .filter((p) => opts.status === 'all' || p.status === opts.status)
          .sort((a, b) => compareIds(a.id, b.id)),
      );
      emit(
        ctx,
        rows,
        () =>
          rows
            .map((p) => `${p.id.padEnd(6)} ${(p.declined ? 'declined' : p.status).padEnd(9)} ${p.size} ${p.risk.padEnd(6)} ${p.title}`)
            .join('\n') || `No ${opts.status} proposals.`,
      );
    });
  const checkId = (id: string) => {
    if (!proposalId.safeParse(id).success)
      throw usageError('bad-id', `"${id}" is not a proposal id`, 'use an id like P-1 (see `crucible proposals list`)');
  };
  const withProposal = async <T>(command: Parameters<typeof contextOf>[0], id: string, fn: (ws: Workspace, p: Proposal) => Promise<T>) => {
    const ctx = contextOf(command, base);
    checkId(id);
    return withWorkspace(ctx, async (ws) => {
      const p = ws.store.view.get('proposals', id);
      if (!p) throw notFound('unknown-id', `proposal ${id} does not exist`, 'see `crucible proposals list`');
      return fn(ws, p);
    });
  };
  proposals
    .command('show')
    .argument('<id>')
    .action(async (id: string, _opts, command) => {
      const { p, related } = await withProposal(command, id, async (ws, p) => ({ p, related: relatedIds(ws, p) }));
      emit(contextOf(command, base), { ...p, relatedIds: related }, () =>
        [
          `${p.id} [${p.declined ? 'declined' : p.status}] ${p.title}`,
          p.why,
          ...(p.fix ? [`fix: ${p.fix}`] : []),
          'evidence:',
          ...p.evidence.map((e) => `  ${e}`),
          'acceptance:',
          ...p.acceptance.map((a) => `  - ${a}`),
          ...(related.length ? [`related: ${related.join(', ')}`] : []),
          ...(p.refinedBy ? [`refined by ${p.refinedBy}: ${(p.refined ?? []).join(', ')}`] : []),
          ...(p.taskIds.length ? [`tasks: ${p.taskIds.join(', ')}`] : []),
        ].join('\n'),
      );
    });
  proposals
    .command('approve')
    .argument('<id>')
    .description('approve: creates an implementation task and a test task, gated like every task')
    .action(async (id: string, _opts, command) => {
      const ctx = contextOf(command, base);
      checkId(id);
      const { taskIds } = await callWorkspaceOrSession(ctx, decideProposalOp, { id, verdict: 'approve' });
      emit(
        ctx,
        { id, taskIds },
        `Approved ${id}: created ${taskIds.join(' and ')}; run \`crucible run\` to carry them out, then \`crucible audit\` to confirm the finding is gone.`,
      );
    });
  proposals
    .command('reject')
    .argument('<id>')
    .option('--reason <text>', 'why (kept in the record; the finding is not proposed again)')
    .action(async (id: string, opts: { reason?: string }, command) => {
      const ctx = contextOf(command, base);
      checkId(id);
      await callWorkspaceOrSession(ctx, decideProposalOp, {
        id,
        verdict: 'reject',
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
      });
      emit(ctx, { id, status: 'rejected' }, `Rejected ${id}; the audit will not propose it again.`);
    });
  proposals
    .command('decline')
    .argument('<id>')
    .description('decline for good: the audit never proposes it again, nor a later finding within the same places')
    .requiredOption('--reason <text>', 'why it is declined for good (kept in the record)')
    .action(async (id: string, opts: { reason: string }, command) => {
      const ctx = contextOf(command, base);
      checkId(id);
      await callWorkspaceOrSession(ctx, decideProposalOp, { id, verdict: 'decline', reason: opts.reason });
      emit(
        ctx,
        { id, status: 'rejected', declined: true },
        `Declined ${id} for good; the audit will not propose it again, even after edits around it.`,
      );
    });
};

// The human's changes to the record, made the same way from every surface
// (CLI, TUI, the socket): answer a judgment, approve, reject or decline a proposal,
// record a design decision. Each validates here, once, and is recorded as the
// actor of the process that opened the record.

import { z } from 'zod';
import { actorSchema } from '../../record/events.js';
import { decisionId, judgmentId, proposalId } from '../../record/ids.js';
import { notFound, usageError } from '../../shared/errors.js';
import { call } from './operation.js';

export const answerJudgmentOp = call({
  method: 'judgments.answer',
  audience: 'human',
  // No `actor` here: the answer is recorded as the actor of whoever opened the record.
  // `note`: text typed after choosing an option, kept with it: the recorded answer reads `hint: use the slug library`.
  params: z.object({ id: judgmentId, answer: z.string().min(1).max(4000), note: z.string().max(3000).optional() }).strict(),
  result: z.object({ id: z.string(), answer: z.string(), decisionId: z.string(), actor: actorSchema }).strict(),
  async run({ ws, actor }, { id, answer, note }) {
    const j = ws.store.view.get('judgments', id);
    if (!j) throw notFound('unknown-id', `judgment ${id} does not exist`, 'see `crucible judgments list`');
    const numbered = /^(\d+)$/.exec(answer.trim());
    const byNumber = numbered ? j.options[Number(numbered[1]) - 1]?.label : undefined;
    if (numbered && !byNumber)
      throw usageError(
        'bad-option',
        `${id} has ${j.options.length} options; ${numbered[1]} is not one`,
        `answer 1-${j.options.length}, a label, or free text`,
      );
    const typed = note?.trim();
    const chosen = byNumber ?? answer;
    const recorded = typed ? `${chosen}: ${typed}` : chosen;
    const event = await ws.store.append({ type: 'judgment.answered', actor, data: { id, answer: recorded } });
    return { id, answer: event.data.answer, decisionId: event.data.decisionId, actor: event.actor };
  },
});

const VERDICTS = ['approve', 'reject', 'decline'] as const;

/**
 * Approval creates an implementation task and a test task, gated like every task; a rejected finding is not proposed
 * again; a declined one neither, nor any later finding within the places it named (see src/audit/declined.ts).
 */
export const decideProposalOp = call({
  method: 'proposals.decide',
  audience: 'human',
  // The event's own schema bounds `reason`; the record refuses what it would not keep.
  params: z.object({ id: proposalId, verdict: z.enum(VERDICTS), reason: z.string().optional() }).strict(),
  result: z.object({ id: z.string(), verdict: z.enum(VERDICTS), taskIds: z.array(z.string()) }).strict(),
  async run({ ws, actor }, { id, verdict, reason }) {
    const p = ws.store.view.get('proposals', id);
    if (!p) throw notFound('unknown-id', `proposal ${id} does not exist`, 'see `crucible proposals list`');
    if (verdict === 'approve') {
      const { approveProposal } = await import('../../audit/record-audit.js');
      return { id, verdict, taskIds: await approveProposal(ws.store, p, actor) };
    }
    if (verdict === 'decline') {
      if (!reason?.trim())
        throw usageError('missing-reason', `declining ${id} needs a reason`, 'say why it is declined for good: --reason "…"');
      await ws.store.append({ type: 'proposal.declined', actor, data: { id, reason } });
      return { id, verdict, taskIds: [] };
    }
    await ws.store.append({ type: 'proposal.rejected', actor, data: { id, reason: reason ?? '' } });
    return { id, verdict, taskIds: [] };
  },
});

export const recordDecisionOp = call({
  method: 'decisions.record',
  audience: 'human',
  params: z
    .object({
      title: z.string(),
      rationale: z.string(),
      context: z.string().optional(),
      choice: z.string().optional(),
      supersedes: decisionId.optional(),
    })
    .strict(),
  result: z.object({ id: z.string(), seq: z.number().int(), title: z.string(), supersedes: z.string().nullable() }).strict(),
  async run({ ws, actor }, { title, rationale, context, choice, supersedes }) {
    const event = await ws.store.append({
      type: 'decision.recorded',
      actor,
      data: { title, rationale, context: context ?? '', choice: choice ?? title, ...(supersedes ? { supersedes } : {}) },
    });
    return { id: event.data.id, seq: event.seq, title: event.data.title, supersedes: event.data.supersedes ?? null };
  },
});

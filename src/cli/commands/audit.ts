import type { Finding } from '../../audit/index.js';
import { decideProposalOp } from '../../app/operations/index.js';
import { recordAudit } from '../../audit/record-audit.js';
import { sessionOf } from '../../app/session.js';
import { modelFromFlags } from '../model-flags.js';
import { proposalId } from '../../record/ids.js';
import { compareIds } from '../../record/queries.js';
import type { Proposal } from '../../record/tables.js';
import { usageError } from '../../shared/errors.js';
import { lineRange } from '../../shared/location.js';
import type { Workspace } from '../../workspace/open.js';
import { callWorkspaceOrSession, contextOf, emit, withWorkspace } from '../context.js';
import { parseChoice } from '../parse.js';
import { auditTarget } from './audit-target.js';
import type { Register } from './types.js';

const findingLine = (f: Finding) => `${lineRange(f.path, f.startLine, f.endLine)}  [${f.analyzer}] ${f.message}`;

function recordedLine(root: string, proposals: { created: string[]; closed: string[] } | null, self: boolean): string {
  const list = self ? `crucible proposals list --dir ${root}` : 'crucible proposals list';
  return `proposals: ${proposals?.created.length ?? 0} new, ${proposals?.closed.length ?? 0} closed, recorded in ${root} (see \`${list}\`)`;
}

export const registerAudit: Register = (program, base) => {
  program
    .command('audit')
    .description(
      'analyze the codebase (duplication, size, complexity, cycles, untested modules, unused exports, any, markers) and record proposals',
    )
    .option('--self', "audit Crucible's own source tree")
    .option(
      '--model <provider>',
      'also let the auditor agent read the findings and propose design-level improvements (anthropic or scripted)',
    )
    .option('--script <file>', 'the script for --model scripted')
    .action(async (opts: { self?: boolean; model?: string; script?: string }, command) => {
      const ctx = contextOf(command, base);
      // Loaded here, not at start-up: the analyzers bring the TypeScript compiler with them.
      const { runAudit, crucibleRoot } = await import('../../audit/run.js');
      const target = auditTarget(opts.self === true, ctx, () => crucibleRoot());
      const outcome = target.recordIn
        ? await withWorkspace({ ...ctx, dir: target.recordIn }, async (ws) => {
            const result = await runAudit(ws.paths.root, ws.config.audit, { self: opts.self === true });
            const proposals = await recordAudit(ws.store, result, ctx.actor);
            if (opts.model || opts.script) {
              const before = new Set([...ws.store.view.rows('proposals')].map((p) => p.id));
              // `crucible audit` has never given the auditor search_docs; the front door keeps it so.
              const runtime = await sessionOf(ws).runtime(await modelFromFlags(ws, opts), {
                goal: '',
                answerPolicy: 'first',
                search: false,
              });
              const outcome = await runtime.audit(result.findings.slice(0, 60).map(findingLine).join('\n') || '(no static findings)');
              if (outcome.kind !== 'finished' && !ctx.json)
                ctx.io.err(`auditor: ${outcome.kind}${'reason' in outcome ? `: ${outcome.reason}` : ''}\n`);
              proposals.created.push(...[...ws.store.view.rows('proposals')].filter((p) => !before.has(p.id)).map((p) => p.id));
            }
            return { result, proposals };
          })
        : { result: await runAudit(ctx.cwd, {}, { self: true }), proposals: null };
      const { result, proposals } = outcome;
      const recordedIn = target.recordIn ?? null;
      const json = {
        root: result.root,
        recordedIn,
        filesScanned: result.filesScanned,
        ms: result.ms,
        findings: result.findings,
        proposals,
      };
      emit(ctx, json, () =>
        [
          ...result.findings.slice(0, 40).map(findingLine),
          ...(result.findings.length > 40 ? [`... ${result.findings.length - 40} more (use --json for all)`] : []),
          `${result.findings.length} findings in ${result.filesScanned} files (${result.ms} ms)`,
          target.recordIn === undefined ? target.notRecorded : recordedLine(target.recordIn, proposals, opts.self === true),
          ...(proposals?.kept ?? []).map((k) => `${k.id} ${k.reason}`),
        ].join('\n'),
      );
    });

  const proposals = program
    .command('proposals')
    .description('improvement proposals from the audit: list, show, approve (creates gated tasks), reject');
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
          rows.map((p) => `${p.id.padEnd(6)} ${p.status.padEnd(9)} ${p.size} ${p.risk.padEnd(6)} ${p.title}`).join('\n') ||
          `No ${opts.status} proposals.`,
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
      if (!p) throw usageError('unknown-id', `proposal ${id} does not exist`, 'see `crucible proposals list`');
      return fn(ws, p);
    });
  };
  proposals
    .command('show')
    .argument('<id>')
    .action(async (id: string, _opts, command) => {
      const p = await withProposal(command, id, async (_ws, p) => p);
      emit(contextOf(command, base), p, () =>
        [
          `${p.id} [${p.status}] ${p.title}`,
          p.why,
          'evidence:',
          ...p.evidence.map((e) => `  ${e}`),
          'acceptance:',
          ...p.acceptance.map((a) => `  - ${a}`),
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
};

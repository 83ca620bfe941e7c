import { approveProposal, recordAudit } from '../../audit/record-audit.js';
import { runAudit } from '../../audit/run.js';
import { ScriptedModel } from '../../model/scripted.js';
import type { Workspace } from '../../workspace/open.js';
import { trace } from '../../record/queries.js';
import { DEMO_GOAL, prepareDemoProject } from '../../runtime/demo.js';
import { Runtime } from '../../runtime/runtime.js';
import { openWorkspace } from '../../workspace/open.js';
import { contextOf, emit, type CliContext } from '../context.js';
import { traceText } from '../format.js';
import { activityPrinter, summaryText } from './run.js';
import type { Register } from './types.js';

export const registerDemo: Register = (program, base) => {
  program
    .command('demo')
    .description('run the offline demo: scripted agents build a tiny tested library through the gates')
    .option('--audit', 'then one self-audit round on the result: a duplication is found, approved, fixed through the gates and confirmed gone')
    .action(async (opts: { audit?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const root = await prepareDemoProject(ctx.dir);
      if (!ctx.json) ctx.io.err(`demo project: ${root}\n`);
      const ws = await openWorkspace({ dir: root, command: 'crucible demo' });
      try {
        const model = await ScriptedModel.fromFile(`${root}/.crucible/demo-script.yaml`);
        const runtime = await Runtime.create({ ws, model, goal: DEMO_GOAL, answerPolicy: 'first', onActivity: activityPrinter(ctx) });
        const summary = await runtime.run();
        const audit = opts.audit && summary.state === 'done' ? await auditRound(ws, model, ctx) : undefined;
        const view = ws.store.view;
        const refusals: { seq: number; taskId: string | undefined; code: string | undefined; reason: string | undefined; fix: string | undefined }[] = [];
        for await (const event of ws.store.read()) {
          if (event.type === 'gate.checked' && !event.data.ok) refusals.push({ seq: event.seq, taskId: event.data.taskId, code: event.data.code, reason: event.data.reason, fix: event.data.fix });
        }
        const result = {
          dir: root,
          summary,
          tasks: [...view.rows('tasks')].map((t) => ({ id: t.id, title: t.title, role: t.role, status: t.status, completions: t.completions })),
          decisions: [...view.rows('decisions')].map((d) => ({ id: d.id, title: d.title, choice: d.choice, status: d.status })),
          judgments: [...view.rows('judgments')].map((j) => ({ id: j.id, question: j.question, answer: j.answer ?? null, answeredBy: j.answeredBy ?? null })),
          trace: trace(view, 'R-2'),
          gateRefusals: refusals,
          ...(audit ? { audit } : {}),
        };
        emit(ctx, result, () =>
          [
            summaryText(summary),
            '',
            'tasks:',
            ...result.tasks.map((t) => `  ${t.id} ${t.status.padEnd(8)} ${t.role.padEnd(12)} ${t.title}`),
            'decisions:',
            ...result.decisions.map((d) => `  ${d.id} ${d.title}${d.choice && d.choice !== d.title ? ` -> ${d.choice}` : ''}`),
            'gate refusals (and what fixed them):',
            ...refusals.map((r) => `  #${r.seq} ${r.taskId ?? ''} [${r.code}] ${(r.reason ?? '').split('\n')[0]}\n    fix: ${r.fix}`),
            'trace of R-2 (requirement -> tasks -> code and tests):',
            traceText(result.trace).replace(/^/gm, '  '),
            ...(audit ? ['audit round:', `  ${audit.findings} findings, ${audit.created.length} proposals; approved ${audit.proposal?.id ?? '-'} "${audit.proposal?.title ?? ''}" -> tasks ${audit.tasks.join(', ')}`, `  after the fix: ${audit.proposal?.id ?? '-'} is ${audit.finalStatus} (${audit.resolution})`] : []),
            '',
            `The produced library is in ${root}; run its tests with: cd ${root} && node --test`,
          ].join('\n'),
        );
        if (summary.state !== 'done') process.exitCode = 1;
      } finally {
        await ws.close();
      }
    });
};

/** One audit round on the demo's output: find the seeded duplication, approve it, run the fix, re-audit. */
async function auditRound(ws: Workspace, model: ScriptedModel, ctx: CliContext) {
  const result = await runAudit(ws.paths.root, ws.config.audit);
  const { created } = await recordAudit(ws.store, result, 'auditor');
  const proposal = created.map((id) => ws.store.view.get('proposals', id)).find((p) => p?.fingerprint.startsWith('duplication'));
  const tasks = proposal ? await approveProposal(ws.store, proposal, 'human') : [];
  if (proposal) {
    if (!ctx.json) ctx.io.err(`[audit] approved ${proposal.id}: ${proposal.title}\n`);
    const runtime = await Runtime.create({ ws, model, answerPolicy: 'first', onActivity: activityPrinter(ctx) });
    await runtime.run();
  }
  const final = proposal ? ws.store.view.get('proposals', proposal.id) : undefined;
  return { findings: result.findings.length, created, proposal: proposal ? { id: proposal.id, title: proposal.title } : null, tasks, finalStatus: final?.status ?? 'none', resolution: final?.resolution ?? '' };
}

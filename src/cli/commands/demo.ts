import { approveProposal, recordAudit } from '../../audit/record-audit.js';
import { demoModel, type ModelClient } from '../../app/model.js';
import { openSession, type Session } from '../../app/session.js';
import { trace } from '../../record/queries.js';
import { loadScript } from '../../model/script.js';
import { answerJudgmentsWith, demoJudgment, resolveDemoAnswer } from '../../runtime/demo-answer.js';
import { DEMO_GOAL, DEMO_SCRIPT, prepareDemoProject } from '../../runtime/demo.js';
import type { RunSummary } from '../../runtime/runtime.js';
import type { Workspace } from '../../workspace/open.js';
import { contextOf, emit, type CliContext } from '../context.js';
import { traceText } from '../../record/render.js';
import { parseChoice } from '../parse.js';
import { untilStopSignal } from '../stop-signals.js';
import { activityPrinter, summaryText } from './run.js';
import type { Register } from './types.js';

type AuditRound = Awaited<ReturnType<typeof auditRound>>['audit'];

/** Two runs one after the other as one: the later one's outcome and task counts, the usage of both. */
export function bothRuns(first: RunSummary, later: RunSummary): RunSummary {
  const u = (k: keyof RunSummary['usage']) => first.usage[k] + later.usage[k];
  return {
    ...later,
    goal: first.goal,
    usage: { turns: u('turns'), totalTokens: u('totalTokens'), costUsd: u('costUsd'), unknownCostTurns: u('unknownCostTurns') },
  };
}

export const registerDemo: Register = (program, base) => {
  program
    .command('demo')
    .description('run the offline demo: scripted agents build a tiny tested library through the gates')
    .option(
      '--audit',
      'then one self-audit round on the result: a duplication is found, approved, fixed through the gates and confirmed gone',
    )
    .option(
      '--model <model>',
      'scripted (default); mock: the same script served by a loopback Messages API server, through the real Anthropic SDK; ' +
        'openai-mock: served by a loopback Chat Completions server, through the real OpenAI client',
      'scripted',
    )
    .option(
      '--answer <n|label>',
      "answer the demo's judgment (how truncate cuts) with this option, by number or label; default: the first option, auto-answered",
    )
    .action(async (opts: { audit?: boolean; model: string; answer?: string }, command) => {
      const ctx = contextOf(command, base);
      const kind = parseChoice('--model', opts.model, ['scripted', 'mock', 'openai-mock'] as const) ?? 'scripted';
      const answer = opts.answer === undefined ? undefined : resolveDemoAnswer(demoJudgment(await loadScript(DEMO_SCRIPT)), opts.answer);
      const root = await prepareDemoProject(ctx.dir, { localModel: kind === 'openai-mock' });
      if (!ctx.json) ctx.io.err(`demo project: ${root}\n`);
      const session = await openSession({ dir: root, command: 'crucible demo' });
      const { ws } = session;
      const { model, close } = await demoModel(root, { kind });
      // With --answer the run waits for each judgment and the answerer gives the human's choice at once.
      const answerer = answer === undefined ? undefined : answerJudgmentsWith(ws, answer);
      try {
        const answering = answer === undefined ? { answerPolicy: 'first' as const } : { answerPolicy: 'ask' as const, interactive: true };
        // A signal stops the agents and kills the commands they run before the record is closed.
        const summary = await untilStopSignal(async (signal) =>
          (await session.runtime(model, { goal: DEMO_GOAL, ...answering, onActivity: activityPrinter(ctx), signal })).run(),
        );
        const round = opts.audit && summary.state === 'done' ? await auditRound(session, model, ctx) : undefined;
        // The audit round is a second run: the summary is of both, so its task counts are the record's at the end.
        const whole = round?.summary ? bothRuns(summary, round.summary) : summary;
        const report = await demoReport(ws, whole, round?.audit);
        emit(ctx, report, () => demoText(report));
        if (whole.state !== 'done') process.exitCode = 1;
      } finally {
        answerer?.close();
        await close();
        await session.close();
      }
    });
};

async function demoReport(ws: Workspace, summary: RunSummary, audit: AuditRound | undefined) {
  const view = ws.store.view;
  const gateRefusals: {
    seq: number;
    taskId: string | undefined;
    code: string | undefined;
    reason: string | undefined;
    fix: string | undefined;
  }[] = [];
  for await (const event of ws.store.read()) {
    if (event.type === 'gate.checked' && !event.data.ok)
      gateRefusals.push({
        seq: event.seq,
        taskId: event.data.taskId,
        code: event.data.code,
        reason: event.data.reason,
        fix: event.data.fix,
      });
  }
  return {
    dir: ws.paths.root,
    summary,
    tasks: [...view.rows('tasks')].map((t) => ({ id: t.id, title: t.title, role: t.role, status: t.status, completions: t.completions })),
    decisions: [...view.rows('decisions')].map((d) => ({ id: d.id, title: d.title, choice: d.choice, status: d.status })),
    judgments: [...view.rows('judgments')].map((j) => ({
      id: j.id,
      question: j.question,
      answer: j.answer ?? null,
      answeredBy: j.answeredBy ?? null,
      decisionId: j.decisionId ?? null,
    })),
    reviews: [...view.rows('tasks')].flatMap((t) =>
      t.evidence.flatMap((e) =>
        e.kind === 'review' ? [{ taskId: t.id, reviewer: e.reviewer, verdict: e.verdict, notes: e.notes ?? '' }] : [],
      ),
    ),
    trace: trace(view, 'R-2'),
    gateRefusals,
    ...(audit ? { audit } : {}),
  };
}

function demoText(r: Awaited<ReturnType<typeof demoReport>>): string {
  const a = r.audit;
  return [
    summaryText(r.summary),
    '',
    'tasks:',
    ...r.tasks.map((t) => `  ${t.id} ${t.status.padEnd(8)} ${t.role.padEnd(12)} ${t.title}`),
    'decisions:',
    ...r.decisions.map((d) => `  ${d.id} ${d.title}${d.choice && d.choice !== d.title ? ` -> ${d.choice}` : ''}`),
    'judgments:',
    ...r.judgments.map(
      (j) =>
        `  ${j.id} ${j.question} -> ${j.answer ?? '(unanswered)'}` +
        `${j.answeredBy ? ` (by ${j.answeredBy}${j.decisionId ? `, recorded as ${j.decisionId}` : ''})` : ''}`,
    ),
    'gate refusals (and what fixed them):',
    ...r.gateRefusals.map((g) => `  #${g.seq} ${g.taskId ?? ''} [${g.code}] ${(g.reason ?? '').split('\n')[0]}\n    fix: ${g.fix}`),
    'reviews:',
    ...r.reviews.map((v) => `  ${v.taskId} ${v.verdict} by ${v.reviewer}: ${v.notes}`),
    'trace of R-2 (requirement -> tasks -> code and tests):',
    traceText(r.trace).replace(/^/gm, '  '),
    ...(a
      ? [
          'audit round:',
          `  ${a.findings} findings, ${a.created.length} proposals; ` +
            `approved ${a.proposal?.id ?? '-'} "${a.proposal?.title ?? ''}" -> tasks ${a.tasks.join(', ')}`,
          `  after the fix: ${a.proposal?.id ?? '-'} is ${a.finalStatus} (${a.resolution})`,
        ]
      : []),
    '',
    `The produced library is in ${r.dir}; run its tests with: cd ${r.dir} && node --test`,
  ].join('\n');
}

/** One audit round on the demo's output: find the seeded duplication, approve it, run the fix, re-audit. */
async function auditRound(session: Session, model: ModelClient, ctx: CliContext) {
  const { ws } = session;
  const { runAudit } = await import('../../audit/run.js');
  const result = await runAudit(ws.paths.root, ws.config.audit);
  const { created } = await recordAudit(ws.store, result, 'auditor', { maxProposals: ws.config.audit.proposals.max });
  const proposal = created.map((id) => ws.store.view.get('proposals', id)).find((p) => p?.fingerprint.startsWith('duplication'));
  const tasks = proposal ? await approveProposal(ws.store, proposal, 'human') : [];
  let summary: RunSummary | undefined;
  if (proposal) {
    if (!ctx.json) ctx.io.err(`[audit] approved ${proposal.id}: ${proposal.title}\n`);
    const runtime = await session.runtime(model, { goal: DEMO_GOAL, answerPolicy: 'first', onActivity: activityPrinter(ctx) });
    summary = await runtime.run();
  }
  const final = proposal ? ws.store.view.get('proposals', proposal.id) : undefined;
  const audit = {
    findings: result.findings.length,
    created,
    proposal: proposal ? { id: proposal.id, title: proposal.title } : null,
    tasks,
    finalStatus: final?.status ?? 'none',
    resolution: final?.resolution ?? '',
  };
  return { audit, summary };
}

import { ScriptedModel } from '../../model/scripted.js';
import { trace } from '../../record/queries.js';
import { DEMO_GOAL, prepareDemoProject } from '../../runtime/demo.js';
import { Runtime } from '../../runtime/runtime.js';
import { openWorkspace } from '../../workspace/open.js';
import { contextOf, emit } from '../context.js';
import { traceText } from '../format.js';
import { activityPrinter, summaryText } from './run.js';
import type { Register } from './types.js';

export const registerDemo: Register = (program, base) => {
  program
    .command('demo')
    .description('run the offline demo: scripted agents build a tiny tested library through the gates')
    .action(async (_opts, command) => {
      const ctx = contextOf(command, base);
      const root = await prepareDemoProject(ctx.dir);
      if (!ctx.json) ctx.io.err(`demo project: ${root}\n`);
      const ws = await openWorkspace({ dir: root, command: 'crucible demo' });
      try {
        const model = await ScriptedModel.fromFile(`${root}/.crucible/demo-script.yaml`);
        const runtime = await Runtime.create({ ws, model, goal: DEMO_GOAL, answerPolicy: 'first', onActivity: activityPrinter(ctx) });
        const summary = await runtime.run();
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

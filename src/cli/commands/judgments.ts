import { judgmentId } from '../../record/ids.js';
import { usageError } from '../../shared/errors.js';
import { answerJudgmentOp, listJudgmentsOp } from '../../app/operations/index.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import type { Register } from './types.js';

export const registerJudgments: Register = (program, base) => {
  const judgments = program.command('judgments').description('judgment calls the agents asked of the human');
  judgments
    .command('list')
    .description('list judgments (pending first)')
    .option('--all', 'include answered ones')
    .action(async (opts: { all?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const rows = await callWorkspaceOrSession(ctx, listJudgmentsOp, { all: opts.all === true });
      emit(ctx, rows, () =>
        rows.length === 0
          ? 'No pending judgments.'
          : rows
              .map((j) =>
                [
                  `${j.id} [${j.status}] asked by ${j.askedBy}${j.taskId ? ` for ${j.taskId}` : ''}: ${j.question}`,
                  ...j.options.map((o, i) => `  ${i + 1}. ${o.label}${o.tradeoffs ? ` (${o.tradeoffs})` : ''}`),
                  ...(j.answer ? [`  answered: ${j.answer} by ${j.answeredBy}`] : []),
                ].join('\n'),
              )
              .join('\n'),
      );
    });
  judgments
    .command('answer')
    .description('answer a judgment with an option number, an option label, or free text; recorded as a decision')
    .argument('<id>', 'e.g. J-1')
    .argument('<answer>', 'option number (1, 2, ...), option label, or your own answer in quotes')
    .option('--note <text>', "your text for the chosen option (a hint's text): recorded as `<option>: <text>` and given to the agent")
    .action(async (id: string, answer: string, opts: { note?: string }, command) => {
      const ctx = contextOf(command, base);
      if (!judgmentId.safeParse(id).success)
        throw usageError('bad-id', `"${id}" is not a judgment id`, 'use an id like J-1 (see `crucible judgments list`)');
      const answered = await callWorkspaceOrSession(ctx, answerJudgmentOp, { id, answer, ...(opts.note ? { note: opts.note } : {}) });
      emit(ctx, answered, `Answered ${id}: ${answered.answer} (recorded as ${answered.decisionId})`);
    });
};

import { decisionId } from '../../record/ids.js';
import { usageError } from '../../shared/errors.js';
import { recordDecisionOp } from '../../app/operations/index.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import type { Register } from './types.js';

interface DecideOptions {
  because: string;
  supersedes?: string;
  context?: string;
  choice?: string;
}

export const registerDecide: Register = (program, base) => {
  program
    .command('decide')
    .description('record a design decision (ADR-style), optionally superseding an earlier one')
    .argument('<title>', 'the decision, e.g. "Store dates as ISO strings"')
    .requiredOption('--because <rationale>', 'why this choice')
    .option('--supersedes <id>', 'the decision this one replaces, e.g. D-2')
    .option('--context <text>', 'the situation that called for a decision')
    .option('--choice <text>', 'what was chosen, if the title does not say it')
    .action(async (title: string, opts: DecideOptions, command) => {
      const ctx = contextOf(command, base);
      if (opts.supersedes !== undefined && !decisionId.safeParse(opts.supersedes).success) {
        throw usageError('bad-flag', `--supersedes: "${opts.supersedes}" is not a decision id`, 'use an id like D-1');
      }
      const recorded = await callWorkspaceOrSession(ctx, recordDecisionOp, {
        title,
        rationale: opts.because,
        ...(opts.context !== undefined ? { context: opts.context } : {}),
        ...(opts.choice !== undefined ? { choice: opts.choice } : {}),
        ...(opts.supersedes ? { supersedes: opts.supersedes } : {}),
      });
      emit(
        ctx,
        { id: recorded.id, seq: recorded.seq, supersedes: recorded.supersedes },
        `Recorded ${recorded.id}: ${recorded.title}${recorded.supersedes ? ` (supersedes ${recorded.supersedes})` : ''}`,
      );
    });
};

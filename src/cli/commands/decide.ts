import { decisionId } from '../../record/ids.js';
import { usageError } from '../../shared/errors.js';
import { contextOf, emit, withWorkspace } from '../context.js';
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
      const event = await withWorkspace(ctx, (ws) =>
        ws.store.append({
          type: 'decision.recorded',
          actor: ctx.actor,
          data: { title, rationale: opts.because, context: opts.context ?? '', choice: opts.choice ?? title, ...(opts.supersedes ? { supersedes: opts.supersedes } : {}) },
        }),
      );
      emit(ctx, { id: event.data.id, seq: event.seq, supersedes: event.data.supersedes ?? null }, `Recorded ${event.data.id}: ${event.data.title}${event.data.supersedes ? ` (supersedes ${event.data.supersedes})` : ''}`);
    });
};

import { statusOp } from '../../app/operations/index.js';
import { projectStatsOf, statusText } from '../../app/status.js';
import { statsText } from '../../app/stats.js';
import { callWorkspaceOrSession, contextOf, emit, withWorkspace } from '../context.js';
import type { Register } from './types.js';

export const registerStatus: Register = (program, base) => {
  program
    .command('status')
    .description('tasks by status, pending judgments, tokens and cost')
    .option(
      '--stats',
      "add tokens and cost over time per agent, a task burndown and the open tasks' dependency graph (reads the whole log)",
    )
    .action(async (opts: { stats?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const status = await callWorkspaceOrSession(ctx, statusOp, {});
      if (!opts.stats) return emit(ctx, status, () => statusText(status));
      const stats = await withWorkspace(ctx, projectStatsOf);
      emit(ctx, { ...status, stats }, () => `${statusText(status)}\n${statsText(stats)}`);
    });
};

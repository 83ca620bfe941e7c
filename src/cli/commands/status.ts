import { listTasksOp, statusOp } from '../../app/operations/index.js';
import { statusText } from '../../app/status.js';
import { projectStats, statsText } from '../../app/stats.js';
import { usageSamplesOp } from '../../mcp/operations-reads.js';
import { contextOf, emit, withWorkspaceOrSession } from '../context.js';
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
      // Here, or from the process holding the record (a run, crucible-tui, `crucible mcp`) over its socket.
      const { status, stats } = await withWorkspaceOrSession(ctx, async (record) => {
        const status = await record.call(statusOp, {});
        if (!opts.stats) return { status, stats: undefined };
        const tasks = await record.call(listTasksOp, {});
        const usage = await record.call(usageSamplesOp, {});
        return { status, stats: projectStats(tasks, usage.samples) };
      });
      if (!stats) return emit(ctx, status, () => statusText(status));
      emit(ctx, { ...status, stats }, () => `${statusText(status)}\n${statsText(stats)}`);
    });
};

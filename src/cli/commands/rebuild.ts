import { contextOf, emit, withWorkspace } from '../context.js';
import type { Register } from './types.js';

export const registerRebuild: Register = (program, base) => {
  program
    .command('rebuild')
    .description('replay the whole log into fresh projections, report whether they equal the stored ones, and repair them if not')
    .option('--check', 'only compare; do not repair')
    .action(async (opts: { check?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const started = Date.now();
      const report = await withWorkspace(ctx, (ws) =>
        ws.store.rebuild({
          rewrite: opts.check !== true,
          onProgress: ctx.json ? undefined : (seq) => ctx.io.err(`replayed ${seq} events...\n`),
        }),
      );
      const ms = Date.now() - started;
      emit(ctx, { ...report, ms }, () => {
        if (report.equal) return `Replayed ${report.events} events in ${ms} ms: projections equal the log.`;
        const head =
          `Replayed ${report.events} events: ${report.differences.length} row(s) differed ` +
          `(${report.differences.slice(0, 5).join(', ')}${report.differences.length > 5 ? ', ...' : ''}).`;
        return report.rewritten ? `${head} Repaired from the log.` : `${head} Run \`crucible rebuild\` without --check to repair.`;
      });
      if (!report.equal && opts.check) process.exitCode = 1;
    });
};

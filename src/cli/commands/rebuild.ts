import { contextOf, emit, withWorkspace, type CliContext } from '../context.js';
import { confirmOrRefuse } from '../confirm.js';
import { parsePositiveInt } from '../parse.js';
import { failure, usageError } from '../../shared/errors.js';
import { redactUrl } from '../../record/pg/url.js';
import { recordUrlOf } from '../../workspace/record-store.js';
import { truncateRecord } from '../../record/truncate.js';
import { loadConfig } from '../../workspace/config.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { workspacePaths } from '../../workspace/paths.js';
import type { Register } from './types.js';

export const registerRebuild: Register = (program, base) => {
  program
    .command('rebuild')
    .description(
      'replay the whole log into fresh projections, verify its hash chain, report whether they equal the stored ones, and repair them if not',
    )
    .option('--check', 'only compare; do not repair')
    .option('--truncate-at <seq>', 'recover a damaged record: keep only the events before <seq> (the damaged files are kept aside)')
    .option('--yes', 'confirm --truncate-at without asking (for scripts)')
    .action(async (opts: { check?: boolean; truncateAt?: string; yes?: boolean }, command) => {
      const ctx = contextOf(command, base);
      if (opts.truncateAt !== undefined) return truncate(ctx, parseSeq(opts.truncateAt), opts.yes);
      const started = Date.now();
      const { onPg, ...report } = await withWorkspace(ctx, async (ws) => ({
        onPg: recordUrlOf(ws.config, ws.paths) !== undefined,
        ...(await ws.store.rebuild({
          rewrite: opts.check !== true,
          onProgress: ctx.json ? undefined : (seq) => ctx.io.err(`replayed ${seq} events...\n`),
        })),
      }));
      const ms = Date.now() - started;
      const chain = report.chain;
      emit(ctx, { ...report, ms }, () => {
        if (chain && !chain.verified)
          return (
            `Replayed ${report.events} events: the hash chain breaks at event #${chain.brokenAt} (${chain.reason}). ` +
            (onPg
              ? 'Restore the database from a backup, or import an export into an empty database.'
              : `Restore from an export, or run \`crucible rebuild --truncate-at ${chain.brokenAt}\`.`)
          );
        if (report.equal) return `Replayed ${report.events} events in ${ms} ms: hash chain verified, projections equal the log.`;
        const head =
          `Replayed ${report.events} events: ${report.differences.length} row(s) differed ` +
          `(${report.differences.slice(0, 5).join(', ')}${report.differences.length > 5 ? ', ...' : ''}).`;
        return report.rewritten ? `${head} Repaired from the log.` : `${head} Run \`crucible rebuild\` without --check to repair.`;
      });
      if ((!report.equal && opts.check) || (chain && !chain.verified)) process.exitCode = 1;
    });
};

async function truncate(ctx: CliContext, at: number, yes: boolean | undefined): Promise<void> {
  const paths = workspacePaths(findWorkspaceRoot({ dir: ctx.dir, cwd: ctx.cwd }));
  const config = loadConfig(paths.config);
  const url = recordUrlOf(config, paths);
  if (url)
    throw failure(
      'truncate-unsupported',
      `--truncate-at cuts a LevelDB record; this workspace's record is the PostgreSQL database at ${redactUrl(url)}`,
      'restore the database from a backup, or `crucible import` an export into an empty database',
    );
  await confirmOrRefuse(
    `Rebuild the record from events #1-#${at - 1} only, dropping #${at} and after? The current files are kept aside.`,
    yes,
    `crucible rebuild --truncate-at ${at}`,
  );
  const report = await truncateRecord({ dir: paths.db, holderFile: paths.holder, at, sync: config.record.sync });
  emit(
    ctx,
    { truncatedAt: at, ...report },
    `Rebuilt the record from ${report.kept} event(s)${report.kept > 0 ? ` (#1-#${report.kept})` : ''}; the files as they were are in ${report.aside}.`,
  );
}

/** The first event not kept: event numbers start at 1, so 0 would keep nothing by accident of a typo. */
function parseSeq(value: string): number {
  const seq = parsePositiveInt('--truncate-at', value, 1);
  if (seq < 1)
    throw usageError(
      'bad-flag',
      '--truncate-at: events are numbered from 1',
      'pass the number of the first damaged event, e.g. --truncate-at 12',
    );
  return seq;
}

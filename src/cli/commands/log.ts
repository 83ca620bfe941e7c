import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordEvent } from '../../record/events.js';
import type { RecordAccess } from '../../server/access.js';
import { CrucibleError } from '../../shared/errors.js';
import { followLogOp, LOG_PAGE, readLogOp } from '../../app/operations/index.js';
import { contextOf, withWorkspaceOrSession, type CliContext } from '../context.js';
import { eventLine } from '../../record/render.js';
import { parsePositiveInt } from '../parse.js';
import { untilStopSignal } from '../stop-signals.js';
import type { Register } from './types.js';

const FOLLOW_POLL_MS = 400;

/**
 * Prints the log. With --follow it keeps printing new events: streamed by the
 * process holding the workspace when one serves it, otherwise by polling,
 * opening the record only briefly each time so other commands can still write.
 */
export const registerLog: Register = (program, base) => {
  program
    .command('log')
    .description('print the event log (--json: one object per line)')
    .option('--since <seq>', 'only events after this sequence number', '0')
    .option('--limit <n>', 'at most this many events')
    .option('--follow', 'keep printing new events until interrupted')
    .action(async (opts: { since: string; limit?: string; follow?: boolean }, command) => {
      const ctx = contextOf(command, base);
      let since = parsePositiveInt('--since', opts.since, 0);
      const limit = opts.limit === undefined ? undefined : parsePositiveInt('--limit', opts.limit, 0);
      const print = (event: RecordEvent) => {
        ctx.io.out(ctx.json ? `${JSON.stringify(event)}\n` : `${eventLine(event)}\n`);
        since = event.seq;
      };
      const readerGone = ctx.io.closed;
      await withWorkspaceOrSession(ctx, (record) => printPages(record, since, limit, print, readerGone));
      if (!opts.follow || readerGone?.aborted) return;
      await untilStopSignal(async (stop) => {
        // Following ends on a stop signal or when the reader goes away (`crucible log --follow | head`).
        const signal = readerGone ? AbortSignal.any([stop, readerGone]) : stop;
        while (!signal.aborted) await followOnce(ctx, () => since, print, signal);
      });
    });
};

async function printPages(
  record: RecordAccess,
  since: number,
  limit: number | undefined,
  print: (e: RecordEvent) => void,
  readerGone?: AbortSignal,
): Promise<void> {
  let left = limit ?? Infinity;
  while (left > 0 && !readerGone?.aborted) {
    const { events } = await record.call(readLogOp, { since, limit: Math.min(left, LOG_PAGE) });
    for (const event of events) print(event);
    if (events.length < Math.min(left, LOG_PAGE)) return;
    since = events.at(-1)!.seq;
    left -= events.length;
  }
}

/** One round: stream from a holder until it goes away, or print what is new and wait a little. */
async function followOnce(ctx: CliContext, since: () => number, print: (e: RecordEvent) => void, signal: AbortSignal): Promise<void> {
  const streamed = await withWorkspaceOrSession(ctx, async (record) => {
    if (record.via === 'local') {
      await printPages(record, since(), undefined, print, signal);
      return false;
    }
    // The holder going away ends this round; the next one finds its successor or opens the record.
    await record.stream(followLogOp, { since: since() }, print, signal).catch((error: unknown) => {
      if (!(error instanceof CrucibleError && error.code === 'session-lost')) throw error;
    });
    return true;
  });
  if (!streamed && !signal.aborted) await sleep(FOLLOW_POLL_MS, undefined, { signal }).catch(() => undefined);
}

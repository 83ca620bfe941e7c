import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordEvent } from '../../record/events.js';
import { contextOf, withWorkspace, type CliContext } from '../context.js';
import { eventLine } from '../format.js';
import { parsePositiveInt } from '../parse.js';
import type { Register } from './types.js';

const FOLLOW_POLL_MS = 400;

/**
 * Prints the log. With --follow it keeps printing new events; it opens the
 * record only briefly per poll so other commands can still write to it.
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
      const print = (event: RecordEvent) => ctx.io.out(ctx.json ? `${JSON.stringify(event)}\n` : `${eventLine(event)}\n`);
      since = await printSince(ctx, since, limit, print);
      if (!opts.follow) return;
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        while (!stop.signal.aborted) {
          await sleep(FOLLOW_POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
          if (!stop.signal.aborted) since = await printSince(ctx, since, undefined, print);
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
};

async function printSince(ctx: CliContext, since: number, limit: number | undefined, print: (e: RecordEvent) => void): Promise<number> {
  return withWorkspace(ctx, async (ws) => {
    let last = since;
    for await (const event of ws.store.read({ since, ...(limit ? { limit } : {}) })) {
      print(event);
      last = event.seq;
    }
    return last;
  });
}

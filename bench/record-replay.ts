// Replay speed for `npm run bench -- record`: the same 100k-event record read four ways in one run —
// raw classic-level (iterator pages, JSON.parse, nothing else: the baseline), our replay (hash chain
// verified, entries whose hash verifies decoded without zod, projections written directly), the path
// before that (every entry through zod, one staged transaction per event), and `rebuild --check`
// (replay plus loading and comparing the stored projections). CPU time is reported beside wall time
// because the machine is shared: the ratios are what to compare across runs.
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { replay, rebuild } from '../src/record/rebuild.js';
import { openRawKeyspaces, type Keyspaces } from '../src/record/level-db.js';
import { LevelEventStore } from '../src/record/store.js';
import { scanLog } from '../src/record/log-scan.js';
import { reduce } from '../src/record/reduce/index.js';
import { emptyTables } from '../src/record/tables.js';
import { readerOf, Tx } from '../src/record/tx.js';
import { appendMixed } from '../support/helpers/workload.js';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000 };
}

/** The best of `rounds` (the least disturbed by the other processes on the machine). */
async function best(rounds: number, fn: () => Promise<unknown>): Promise<Timing> {
  let top: Timing | undefined;
  for (let i = 0; i < rounds; i++) {
    const t = await timed(fn);
    if (!top || t.wallMs < top.wallMs) top = t;
  }
  return top!;
}

async function rawRead(dir: string): Promise<number> {
  const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  await db.open();
  let n = 0;
  const iterator = db.iterator({ gt: '!log!', lt: '!log"' });
  for (let page = await iterator.nextv(1000); page.length > 0; page = await iterator.nextv(1000))
    for (const [, value] of page) if (JSON.parse(value)) n += 1;
  await iterator.close();
  await db.close();
  return n;
}

/** The replay as it was: every entry validated, each event staged in its own transaction. */
async function validatedReplay(ks: Keyspaces): Promise<void> {
  const tables = emptyTables();
  const live = readerOf(tables);
  await scanLog(ks, {
    trustFrom: Infinity,
    onEvent: (event) => {
      const tx = new Tx(live);
      reduce(tx, event);
      tx.commitInto(tables);
    },
  });
}

const perSec = (events: number, t: Timing) => Math.round(events / (t.wallMs / 1000));

export async function replayBench(dir: string, events: number): Promise<Record<string, unknown>> {
  const db = join(dir, 'replay');
  const big = await LevelEventStore.open({ dir: db, holderFile: join(dir, 'replay.holder'), sync: false });
  await appendMixed(big, events, { seed: 5, concurrency: 256 });
  await big.close();
  const reopen = await timed(async () => (await LevelEventStore.open({ dir: db, holderFile: join(dir, 'replay.holder') })).close());

  const raw = await best(3, () => rawRead(db));
  const ks = await openRawKeyspaces(db);
  try {
    const ours = await best(3, () => replay(ks));
    const before = await best(2, () => validatedReplay(ks));
    const report = await rebuild(ks);
    const check = await best(2, () => rebuild(ks));
    return {
      replayEvents: report.events,
      replayEventsPerSec: perSec(events, ours),
      replayCpuMs: Math.round(ours.cpuMs),
      rawReadEventsPerSec: perSec(events, raw),
      rawReadCpuMs: Math.round(raw.cpuMs),
      replayRatioVsRawRead: Number((raw.wallMs / ours.wallMs).toFixed(3)),
      replayValidatedEventsPerSec: perSec(events, before),
      replaySpeedupOverValidated: Number((before.wallMs / ours.wallMs).toFixed(2)),
      rebuildCheckEventsPerSec: perSec(events, check),
      replayEqual: report.equal,
      replayChainVerified: report.chain?.verified === true,
      openMs: Math.round(reopen.wallMs),
    };
  } finally {
    await ks.db.close();
  }
}

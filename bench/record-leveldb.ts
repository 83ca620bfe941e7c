// The LevelDB half of `npm run bench -- record`: our append rate (validation, redaction, the
// reducers, the hash chain, group commit) against raw classic-level batched puts of exactly the
// bytes our writer wrote, in the same batches and with the SAME sync setting, measured in one run;
// replay speed over 100k events (bench/record-replay.ts); and a SIGKILL crash check.
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { LevelEventStore } from '../src/record/store.js';
import type { RecordEvent } from '../src/record/events.js';
import type { BatchOp } from '../src/record/codec.js';
import { crashMidAppend } from '../support/helpers/crash.js';
import { appendMixed } from '../support/helpers/workload.js';
import { replayBench } from './record-replay.js';

const seqKey = (seq: number) => String(seq).padStart(16, '0');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Appends through our store, then writes the same batches raw; both with `sync`. */
async function appendRatio(dir: string, appends: number, concurrency: number, sync: boolean) {
  // Every batch our writer commits is kept, so the baseline writes exactly the same bytes.
  const observed: (readonly BatchOp[])[] = [];
  const store = await LevelEventStore.open({
    dir: join(dir, 'ours'),
    holderFile: join(dir, 'ours.holder'),
    sync,
    observeBatch: (ops) => observed.push(ops),
  });
  const ours = await timed(() => appendMixed(store, appends, { seed: 3, concurrency }));
  const payloads: RecordEvent[] = [];
  for await (const event of store.read()) payloads.push(event);
  await store.close();
  const batches = observed.map((ops) =>
    ops.map((op) => ({ key: `${op.sublevel.prefix}${op.key}`, value: op.type === 'put' ? op.value : '' })),
  );

  const raw = new ClassicLevel<string, unknown>(join(dir, 'raw'), { valueEncoding: 'json' });
  await raw.open();
  const sameBytes = await timed(async () => {
    for (const batch of batches)
      await raw.batch(
        batch.map((op) => ({ type: 'put' as const, ...op })),
        { sync },
      );
  });
  await raw.close();
  const logOnlyDb = new ClassicLevel<string, string>(join(dir, 'raw-log'), { valueEncoding: 'utf8' });
  await logOnlyDb.open();
  const logOnly = await timed(async () => {
    for (let i = 0; i < payloads.length; i += concurrency) {
      const wave = payloads.slice(i, i + concurrency);
      await logOnlyDb.batch(
        wave.map((e) => ({ type: 'put' as const, key: seqKey(e.seq), value: JSON.stringify(e) })),
        { sync },
      );
    }
  });
  await logOnlyDb.close();
  const appendsPerSec = Math.round(appends / (ours.ms / 1000));
  // Events per second the raw store reaches when writing the same bytes in the same batches.
  const rawPutsPerSec = Math.round(payloads.length / (sameBytes.ms / 1000));
  const rawLogOnlyPutsPerSec = Math.round(payloads.length / (logOnly.ms / 1000));
  return {
    sync,
    appends,
    appendsPerSec,
    rawPutsPerSec,
    ratio: Number((appendsPerSec / rawPutsPerSec).toFixed(3)),
    batches: batches.length,
    opsPerEvent: Number((batches.reduce((n, b) => n + b.length, 0) / payloads.length).toFixed(2)),
    rawLogOnlyPutsPerSec,
    ratioVsLogOnly: Number((appendsPerSec / rawLogOnlyPutsPerSec).toFixed(3)),
  };
}

export async function leveldbBench(dir: string, args: string[]): Promise<Record<string, unknown>> {
  const appends = Number(args.find((a) => a.startsWith('--appends='))?.split('=')[1] ?? 20_000);
  const replayEvents = Number(args.find((a) => a.startsWith('--replay='))?.split('=')[1] ?? 100_000);
  const concurrency = 32;
  const synced = await appendRatio(join(dir, 'synced'), appends, concurrency, true);
  const unsynced = await appendRatio(join(dir, 'unsynced'), appends, concurrency, false);

  const replay = await replayBench(dir, replayEvents);

  const crash = await crashMidAppend(join(dir, 'crash-ws'), 2_000).catch(async () => crashMidAppend(join(dir, 'crash-ws2'), 2_000));
  return {
    ...synced,
    concurrency,
    baseline: 'classic-level batched puts of the same keys and values (log entries and projection rows) in the same batches, same sync',
    unsynced,
    ...replay,
    crash: { acked: crash.acked, recovered: crash.recovered, lost: crash.lost, gapFree: crash.gapFree },
    goal: { ratio: '>= 0.5', replayEventsPerSec: '>= 100000', lost: 0, recoveredAtLeastAcked: crash.recovered >= crash.acked },
  };
}

// The PostgreSQL half of `npm run bench -- record --json`: appends per second with 1, 4 and 16
// concurrent writers (each its own PgEventStore, as separate crucible processes would be) on the
// loopback, against raw INSERTs of exactly the same rows in the same transactions (the batch
// statements the stores committed, replayed by as many plain connections). Reads
// CRUCIBLE_BENCH_PG_URL when given (a database it may fill; each run uses fresh tables in a
// new schema), else starts a throwaway cluster, else reports why it was skipped.
import pg from 'pg';
import type { EventDraft } from '../src/record/events.js';
import { PgEventStore } from '../src/record/pg/store.js';
import type { Statement } from '../src/record/pg/sql.js';
import { redactUrl } from '../src/record/pg/url.js';
import { startPostgres } from '../support/helpers/postgres.js';

const WRITERS = [1, 4, 16];

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** What one writer appends: events whose ids the record assigns, so writers never collide. */
function draftOf(writer: number, i: number): EventDraft {
  switch (i % 3) {
    case 0:
      return { type: 'requirement.added', actor: `planner-${writer}`, data: { text: `Requirement ${writer}.${i} about parsing dates` } };
    case 1:
      return { type: 'task.created', actor: `planner-${writer}`, data: { title: `Task ${writer}.${i}`, role: 'implementer' } };
    default:
      return {
        type: 'memory.remembered',
        actor: `implementer-${writer}`,
        data: { scope: 'project', text: `Note ${writer}.${i}: use ISO dates` },
      };
  }
}

/** A URL whose connections use `schema` (created empty), so every measurement starts from a fresh record. */
async function freshSchema(base: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function measure(base: string, writers: number, events: number): Promise<Record<string, unknown>> {
  const perWriter = Math.ceil(events / writers);
  const url = await freshSchema(base, `bench_ours_${writers}`);
  const observed: Statement[][] = Array.from({ length: writers }, () => []);
  const stores = await Promise.all(
    Array.from({ length: writers }, (_, w) => PgEventStore.open({ url, observeBatch: (s) => observed[w]!.push(s) })),
  );
  const oursMs = await timed(async () => {
    await Promise.all(
      stores.map(async (store, w) => {
        for (let i = 0; i < perWriter; i++) await store.append(draftOf(w, i));
      }),
    );
  });
  const appended = writers * perWriter;
  await Promise.all(stores.map((s) => s.close()));

  // The same statements, in the same transactions, by as many plain connections, into empty tables.
  const rawUrl = await freshSchema(base, `bench_raw_${writers}`);
  const schema = await PgEventStore.open({ url: rawUrl });
  await schema.close();
  const clients = await Promise.all(
    observed.map(async () => {
      const client = new pg.Client({ connectionString: rawUrl });
      await client.connect();
      return client;
    }),
  );
  const rawMs = await timed(async () => {
    await Promise.all(
      clients.map(async (client, w) => {
        for (const statement of observed[w]!) {
          await client.query('BEGIN');
          await client.query(statement);
          await client.query('COMMIT');
        }
      }),
    );
  });
  await Promise.all(clients.map((c) => c.end()));
  const appendsPerSec = Math.round(appended / (oursMs / 1000));
  const rawInsertsPerSec = Math.round(appended / (rawMs / 1000));
  return {
    writers,
    events: appended,
    transactions: observed.reduce((n, w) => n + w.length, 0),
    appendsPerSec,
    rawInsertsPerSec,
    ratio: Number((appendsPerSec / rawInsertsPerSec).toFixed(3)),
  };
}

export async function runPostgres(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => a.startsWith('--pg-events='))?.split('=')[1] ?? 2_000);
  const given = process.env.CRUCIBLE_BENCH_PG_URL;
  const cluster = given ? undefined : await startPostgres({ durable: true });
  if (cluster && 'skip' in cluster) return { skipped: cluster.skip };
  try {
    const base = given ?? (await cluster!.createDatabase());
    const runs = [];
    for (const writers of WRITERS) runs.push(await measure(base, writers, events));
    return {
      server: given ? redactUrl(given) : 'a temporary local cluster (fsync on), over 127.0.0.1',
      baseline: 'raw INSERTs of the same log and projection rows, in the same transactions, by the same number of connections',
      runs,
      goal: { ratio: '>= 0.5' },
    };
  } finally {
    await cluster?.stop();
  }
}

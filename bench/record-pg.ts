// The PostgreSQL half of `npm run bench -- record --json`: appends per second with 1, 4 and 16
// concurrent writers (each its own PgEventStore, as separate crucible processes would be) on the
// loopback, against raw INSERTs of exactly the same rows in the same transactions (the batch
// statements the stores committed, replayed by as many plain connections), and our appends again on the
// protocol of schema version 1 (`serverAppend: false`) in the same run. Reads
// CRUCIBLE_BENCH_PG_URL when given (a database it may fill; each run uses fresh tables in a
// new schema), else starts a throwaway cluster, else reports why it was skipped.
import pg from 'pg';
import type { EventDraft } from '../src/record/events.js';
import { PgEventStore, type PgOpenOptions as StoreOptions } from '../src/record/pg/store.js';

type PgOpenOptions = Omit<StoreOptions, 'observeBatch'> & { observeBatch?: (statement: Statement, writer: number) => void };
import { LOG_COLUMNS, type Statement } from '../src/record/pg/sql.js';
import { WRITER_LOCK } from '../src/record/pg/schema.js';
import { EVENTS_KEY } from '../src/record/pg/revision.js';
import { DURABLE } from '../src/record/pg/durable.js';
import { redactUrl } from '../src/record/pg/url.js';
import { startPostgres } from '../support/helpers/postgres.js';
import { STAGE_FUNCTION, stagedTransaction, verifyServerChain } from './record-pg-staged.js';

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

/** `writers` stores appending `perWriter` events each at once into a fresh schema; returns the milliseconds taken. */
async function appendAll(
  base: string,
  schema: string,
  writers: number,
  perWriter: number,
  options: Partial<PgOpenOptions>,
): Promise<number> {
  const url = await freshSchema(base, schema);
  const stores = await Promise.all(
    Array.from({ length: writers }, (_, w) => PgEventStore.open({ url, ...options, observeBatch: (s) => options.observeBatch?.(s, w) })),
  );
  const ms = await timed(async () => {
    await Promise.all(
      stores.map(async (store, w) => {
        for (let i = 0; i < perWriter; i++) await store.append(draftOf(w, i));
      }),
    );
  });
  await Promise.all(stores.map((s) => s.close()));
  return ms;
}

async function measure(base: string, writers: number, events: number): Promise<Record<string, unknown>> {
  const perWriter = Math.ceil(events / writers);
  const observed: Statement[][] = Array.from({ length: writers }, () => []);
  const oursMs = await appendAll(base, `bench_ours_${writers}`, writers, perWriter, { observeBatch: (s, w) => observed[w]!.push(s) });
  // The protocol of schema version 1 (every batch staged by the client, under the lock unless its view was current).
  const clientMs = await appendAll(base, `bench_client_${writers}`, writers, perWriter, { serverAppend: false });
  const appended = writers * perWriter;

  // The same statements, in the same transactions, by as many plain connections, into empty tables.
  const rawMs = await replayStatements(base, `bench_raw_${writers}`, observed, async (client, statement) => {
    await client.query('BEGIN');
    await client.query(statement);
    await client.query('COMMIT');
  });
  // The same again under our protocol with no client work: the lock and the read of what is new (not
  // decoded), then the write, its COMMIT and the flush wait. What it costs is the serialization itself;
  // the gap between it and our appends is the writer's own work inside the lock.
  const lockedMs = await replayStatements(base, `bench_locked_${writers}`, observed, async (client, statement, seen) => {
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK}), set_config('synchronous_commit', 'off', true);
       SELECT value FROM crucible_meta WHERE name = '${EVENTS_KEY}'; SELECT ${LOG_COLUMNS} FROM crucible_log WHERE seq > ${seen.head} ORDER BY seq`,
    )) as unknown as pg.QueryResult<{ seq: string }>[];
    seen.head = Number(results[3]?.rows.at(-1)?.seq ?? seen.head);
    await client.query(`${statement.text}; COMMIT; ${DURABLE}`);
  });
  // The prototype of server-side staging (bench/record-pg-staged.ts): lock, numbering, chain and write in one round trip.
  const stagedMs = await replayStatements(base, `bench_staged_${writers}`, observed, stagedTransaction, {
    setup: (client) => client.query(STAGE_FUNCTION),
    check: async (client) => {
      if ((await verifyServerChain(client)) !== appended) throw new Error('the server-staged log lost events');
    },
  });
  const appendsPerSec = Math.round(appended / (oursMs / 1000));
  const rawInsertsPerSec = Math.round(appended / (rawMs / 1000));
  return {
    writers,
    events: appended,
    transactions: observed.reduce((n, w) => n + w.length, 0),
    appendsPerSec,
    rawInsertsPerSec,
    ratio: Number((appendsPerSec / rawInsertsPerSec).toFixed(3)),
    clientStagedPerSec: Math.round(appended / (clientMs / 1000)),
    clientStagedRatio: Number((rawMs / clientMs).toFixed(3)),
    lockedNoClientWorkPerSec: Math.round(appended / (lockedMs / 1000)),
    serverStagedPrototypePerSec: Math.round(appended / (stagedMs / 1000)),
    serverStagedPrototypeRatio: Number((rawMs / stagedMs).toFixed(3)),
  };
}

/** Runs each writer's observed statements on its own plain connection into fresh tables; returns the milliseconds taken. */
async function replayStatements(
  base: string,
  schemaName: string,
  observed: Statement[][],
  transaction: (client: pg.Client, statement: Statement, seen: { head: number }) => Promise<void>,
  hooks: { setup?: (client: pg.Client) => Promise<unknown>; check?: (client: pg.Client) => Promise<void> } = {},
): Promise<number> {
  const url = await freshSchema(base, schemaName);
  const schema = await PgEventStore.open({ url });
  await schema.close();
  const clients = await Promise.all(
    observed.map(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  if (hooks.setup) await hooks.setup(clients[0]!);
  const ms = await timed(async () => {
    await Promise.all(
      clients.map(async (client, w) => {
        const seen = { head: 0 };
        for (const statement of observed[w]!) await transaction(client, statement, seen);
      }),
    );
  });
  if (hooks.check) await hooks.check(clients[0]!);
  await Promise.all(clients.map((c) => c.end()));
  return ms;
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
      lockedNoClientWork:
        "the same statements under the writers' lock as our writers take it (lock and read, then write), with no client work between",
      clientStaged: 'our appends on the protocol of schema version 1 (`serverAppend: false`: staged by the client under the lock)',
      serverStagedPrototype:
        'a prototype of server-side staging: the same statements with the lock, the numbering, the hash chain (in SQL) ' +
        'and the write in one round trip; no ids or gates in SQL',
      runs,
      goal: { ratio: '>= 0.5' },
    };
  } finally {
    await cluster?.stop();
  }
}

// The server-side append (src/record/pg/append-fn.ts) against a real PostgreSQL: writers that stage with
// placeholders get distinct, gap-free ids and sequence numbers; of two claims exactly one wins; a batch
// whose read rows changed falls back to the usual path (and is decided over the fresh view); a record written
// half by each protocol rebuilds equal; a version 1 record is migrated on open.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PgEventStore } from '../../../src/record/pg/store.js';
import { SCHEMA_VERSION } from '../../../src/record/pg/schema.js';
import { startPostgres } from '../../../support/helpers/postgres.js';
import { appendMixed } from '../../../support/helpers/workload.js';

const cluster = await startPostgres();

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Two stores on one new record (the second on the usual protocol when `usual`), closed after `body`. */
async function twoStores(body: (a: PgEventStore, b: PgEventStore, url: string) => Promise<void>, usual = false): Promise<void> {
  if ('skip' in cluster) return;
  const url = await cluster.createDatabase();
  const a = await PgEventStore.open({ url });
  const b = await PgEventStore.open({ url, serverAppend: !usual });
  try {
    await body(a, b, url);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** The last sequence number of each writer's last server-side batch. */
const serverBatches = async (url: string) =>
  (await query<{ seq: string }>(url, 'SELECT seq FROM crucible_writers ORDER BY seq')).map((r) => Number(r.seq));

if ('skip' in cluster) {
  test('the server-side append on PostgreSQL', { skip: cluster.skip }, () => undefined);
} else {
  after(() => cluster.stop());

  test('postgres: two stores appending through the function get distinct, gap-free ids and sequence numbers', async () => {
    await twoStores(async (a, b, url) => {
      const add = (store: PgEventStore, i: number) =>
        store.append({
          type: 'task.created',
          actor: 'planner',
          data: { title: `task ${i} of 2026: 1234567890123456`, role: 'implementer' },
        });
      // A writer alone on the record stages itself (speculate.ts); one that finds the record moved goes to the function.
      await add(a, -1);
      await add(b, -2);
      await add(a, -3);
      assert.deepEqual(await serverBatches(url), [2, 3], 'both writers used the function');
      const made = await Promise.all(Array.from({ length: 60 }, (_, i) => add(i % 2 === 0 ? a : b, i)));
      const ids = made.map((e) => Number(e.data.id.slice(2))).sort((x, y) => x - y);
      assert.deepEqual(
        ids,
        Array.from({ length: 60 }, (_, i) => i + 4),
        'every id once, none skipped',
      );
      assert.deepEqual(
        made.map((e) => e.seq).sort((x, y) => x - y),
        Array.from({ length: 60 }, (_, i) => i + 4),
      );
      for (const e of made) assert.equal(e.data.title.endsWith('1234567890123456'), true);
      const [counter] = await query<{ row: { value: number } }>(
        url,
        `SELECT row FROM crucible_rows WHERE tbl = 'counters' AND key = 'id.T'`,
      );
      assert.equal(counter?.row.value, 63);
      // Each store's view is a replay of the log: the next append sees all 60 and the chain checks.
      await a.append({ type: 'memory.remembered', actor: 'x', data: { scope: 'project', text: 'a caught up' } });
      assert.equal([...a.view.rows('tasks')].length, 63);
      const report = await a.rebuild();
      assert.equal(report.equal, true, report.differences.join(' '));
      assert.deepEqual(report.chain, { verified: true });
    });
  });

  test('postgres: of two claims staged over one view, exactly one wins; the other is refused over the fresh view', async () => {
    await twoStores(async (a, b, url) => {
      await a.append({ type: 'task.created', actor: 'planner', data: { title: 'one task', role: 'implementer' } });
      await b.append({ type: 'memory.remembered', actor: 'x', data: { scope: 'project', text: 'b has caught up' } });
      const claim = (store: PgEventStore, agent: string) =>
        store.append({ type: 'task.claimed', actor: agent, data: { id: 'T-1', assignee: agent } });
      const results = await Promise.allSettled([claim(a, 'implementer-1'), claim(b, 'implementer-2')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
      assert.match(String(results.find((r) => r.status === 'rejected')?.reason), /cannot claim T-1/);
      const claims = (
        await query<{ event: { actor: string } }>(url, `SELECT event FROM crucible_log WHERE event->>'type' = 'task.claimed'`)
      ).length;
      assert.equal(claims, 1);
    });
  });

  test('postgres: a batch whose read rows changed meanwhile falls back and is decided over the fresh view', async () => {
    // No commit listener: b hears of a's commits only with its own next batch, so its view goes stale.
    await twoStores(async (a, b, url) => {
      await a.append({ type: 'task.created', actor: 'planner', data: { title: 'one task', role: 'implementer' } });
      await b.append({ type: 'memory.remembered', actor: 'x', data: { scope: 'project', text: 'b sees T-1 ready' } });
      await a.append({ type: 'task.claimed', actor: 'impl-a', data: { id: 'T-1', assignee: 'impl-a' } });
      assert.equal(b.view.get('tasks', 'T-1')?.status, 'ready', 'b staged over a stale view');
      await assert.rejects(
        b.append({ type: 'task.claimed', actor: 'impl-b', data: { id: 'T-1', assignee: 'impl-b' } }),
        /cannot claim T-1/,
      );
      assert.equal(b.view.get('tasks', 'T-1')?.assignee, 'impl-a');
      // Legal over either view: written the usual way after the stale read, over the fresh row (the claim and start kept).
      await a.append({ type: 'task.started', actor: 'impl-a', data: { id: 'T-1' } });
      const edit = await b.append({ type: 'task.edited', actor: 'human', data: { id: 'T-1', title: 'renamed' } });
      assert.equal(edit.seq, 5);
      assert.deepEqual(await serverBatches(url), [2, 4], "b's last batch through the function is still its first");
      const row = b.view.get('tasks', 'T-1');
      assert.deepEqual([row?.title, row?.status, row?.assignee], ['renamed', 'in_progress', 'impl-a']);
      const report = await b.rebuild();
      assert.equal(report.equal, true, report.differences.join(' '));
    });
  });

  test('postgres: a record written half by each protocol passes rebuild --check', async () => {
    await twoStores(async (server, usual, url) => {
      await appendMixed(server, 300, { seed: 3, concurrency: 4 });
      const both = (i: number) => [server, usual][i % 2]!;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          both(i).appendAll([
            { type: 'requirement.added', actor: 'p', data: { text: `requirement ${i}` } },
            { type: 'task.created', actor: 'p', data: { title: `task ${i}`, role: 'implementer' } },
            { type: 'message.sent', actor: 'p', data: { to: 'implementer', text: `message ${i}` } },
          ]),
        ),
      );
      const open = [...server.view.rows('tasks')].filter((t) => t.status === 'ready').map((t) => t.id);
      const claims = await Promise.allSettled(
        open.flatMap((id, i) =>
          [0, 1].map((k) => both(i + k).append({ type: 'task.claimed', actor: `impl-${k}`, data: { id, assignee: `impl-${k}` } })),
        ),
      );
      assert.equal(claims.filter((c) => c.status === 'fulfilled').length, open.length, 'one claim of each task won');
      const reqs = (
        await query<{ id: string }>(url, `SELECT event->'data'->>'id' AS id FROM crucible_log WHERE event->>'type' = 'requirement.added'`)
      ).map((r) => r.id);
      assert.equal(new Set(reqs).size, reqs.length, 'no requirement id twice');
      for (const store of [server, usual]) {
        const report = await store.rebuild();
        assert.equal(report.equal, true, report.differences.join(' '));
        assert.deepEqual(report.chain, { verified: true });
      }
    }, true);
  });

  test('postgres: a batch through the function whose connection is lost after its COMMIT is reported written, once', async () => {
    const url = await cluster.createDatabase();
    // The flush wait runs after the COMMIT; shadowing txid_current makes the server drop the connection at its second call.
    await query(
      url,
      `CREATE SEQUENCE public.drop_once;
      CREATE FUNCTION public.txid_current() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN
        IF nextval('public.drop_once') = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
        RETURN pg_catalog.txid_current(); END $$`,
    );
    const shadowed = new URL(url);
    shadowed.searchParams.set('options', '-c search_path=public,pg_catalog');
    const a = await PgEventStore.open({ url: shadowed.toString() });
    const b = await PgEventStore.open({ url: shadowed.toString() });
    try {
      await a.append({ type: 'requirement.added', actor: 'p', data: { text: 'first, alone' } });
      // b's view is behind: its batch goes through the function, and the flush wait after its COMMIT drops.
      const dropped = await b.append({ type: 'requirement.added', actor: 'p', data: { text: 'committed, then dropped' } });
      assert.deepEqual([dropped.seq, dropped.data.id], [2, 'R-2']);
      assert.deepEqual(await serverBatches(url), [2]);
      const after = await b.append({ type: 'requirement.added', actor: 'p', data: { text: 'after the drop' } });
      assert.equal(after.seq, 3);
      const texts = await query<{ text: string }>(url, `SELECT event->'data'->>'text' AS text FROM crucible_log ORDER BY seq`);
      assert.deepEqual(
        texts.map((r) => r.text),
        ['first, alone', 'committed, then dropped', 'after the drop'],
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('postgres: a version 1 record is migrated on open and keeps its events', async () => {
    const url = await cluster.createDatabase();
    const first = await PgEventStore.open({ url, serverAppend: false });
    await first.append({ type: 'requirement.added', actor: 'p', data: { text: 'before the upgrade' } });
    await first.close();
    await query(
      url,
      `DROP FUNCTION crucible_append; DROP TABLE crucible_writers; UPDATE crucible_meta SET value = '1' WHERE name = 'schema'`,
    );
    const upgraded = await PgEventStore.open({ url });
    const other = await PgEventStore.open({ url });
    try {
      await upgraded.append({ type: 'requirement.added', actor: 'p', data: { text: 'after' } });
      // Its view is behind by one event: the other writer goes through the function.
      const r = await other.append({ type: 'requirement.added', actor: 'p', data: { text: 'through the function' } });
      assert.equal(r.data.id, 'R-3');
      assert.deepEqual(await serverBatches(url), [3]);
      assert.deepEqual(await query(url, `SELECT value FROM crucible_meta WHERE name = 'schema'`), [{ value: String(SCHEMA_VERSION) }]);
    } finally {
      await Promise.all([upgraded.close(), other.close()]);
    }
  });
}

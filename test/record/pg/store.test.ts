// The record store's cases against a real PostgreSQL, and what only a shared record must do:
// two stores on one database append without losing or duplicating ids, hear each other's
// commits, refuse a second claim, and detect a broken hash chain.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { chainNext, GENESIS_HASH } from '../../../src/record/chain.js';
import { PgEventStore } from '../../../src/record/pg/store.js';
import type { RecordEvent } from '../../../src/record/events.js';
import { startPostgres, tempPgStore } from '../../../support/helpers/postgres.js';
import { storeCases } from '../../../support/record/store-cases.js';

const cluster = await startPostgres();

if ('skip' in cluster) {
  test('the record on PostgreSQL', { skip: cluster.skip }, () => undefined);
} else {
  after(() => cluster.stop());
  storeCases('postgres', () => tempPgStore(cluster));

  test('postgres: two stores on one record assign distinct ids and each hears the other’s commits', async () => {
    const a = await tempPgStore(cluster);
    const b = await PgEventStore.open({ url: a.url });
    try {
      const heardByA: RecordEvent[] = [];
      const heardAll = new Promise<RecordEvent[]>((resolve) =>
        a.store.onCommit((events) => {
          heardByA.push(...events);
          if (heardByA.length >= 41) resolve(heardByA);
        }),
      );
      const add = (store: PgEventStore, i: number) =>
        store.append({ type: 'task.created', actor: 'planner', data: { title: `task ${i}`, role: 'implementer' } });
      const made = await Promise.all(Array.from({ length: 40 }, (_, i) => add(i % 2 === 0 ? a.store : b, i)));
      const ids = made.map((e) => e.data.id);
      assert.equal(new Set(ids).size, 40, `duplicate ids: ${ids.join(' ')}`);
      assert.deepEqual(
        [...made.map((e) => e.seq)].sort((x, y) => x - y),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      // A's next append catches up with everything B wrote, so A's view holds all 40.
      await add(a.store, 40);
      assert.equal(a.store.head(), 41);
      assert.equal([...a.store.view.rows('tasks')].length, 41);
      const heard = await heardAll;
      assert.deepEqual(
        heard.map((e) => e.seq),
        Array.from({ length: 41 }, (_, i) => i + 1),
        'A heard every commit, its own and B’s, once and in log order',
      );
    } finally {
      await b.close();
      await a.cleanup();
    }
  });

  test('postgres: of two stores claiming one task, exactly one wins', async () => {
    const a = await tempPgStore(cluster);
    const b = await PgEventStore.open({ url: a.url });
    try {
      await a.store.append({ type: 'task.created', actor: 'planner', data: { title: 'one task', role: 'implementer' } });
      await b.append({ type: 'memory.remembered', actor: 'x', data: { scope: 'project', text: 'b has caught up' } });
      const claim = (store: PgEventStore, agent: string) =>
        store.appendAll([
          { type: 'task.claimed', actor: agent, data: { id: 'T-1', assignee: agent } },
          { type: 'task.started', actor: agent, data: { id: 'T-1' } },
        ]);
      const results = await Promise.allSettled([claim(a.store, 'implementer-1'), claim(b, 'implementer-2')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
      const refused = results.find((r) => r.status === 'rejected');
      assert.match(String(refused?.reason), /cannot claim T-1/);
      const claims: string[] = [];
      for await (const e of a.store.read()) if (e.type === 'task.claimed') claims.push(e.actor);
      assert.equal(claims.length, 1);
    } finally {
      await b.close();
      await a.cleanup();
    }
  });

  test('postgres: every event’s hash chains from the genesis, and a tampered event stops every append', async () => {
    const t = await tempPgStore(cluster);
    const other = await PgEventStore.open({ url: t.url });
    const db = new pg.Client({ connectionString: t.url });
    await db.connect();
    try {
      for (let i = 0; i < 3; i++) await t.store.append({ type: 'requirement.added', actor: 'human', data: { text: `req ${i}` } });
      const { rows } = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM crucible_log ORDER BY seq');
      let hash = GENESIS_HASH;
      const events: RecordEvent[] = [];
      for await (const e of t.store.read()) events.push(e);
      for (const [i, event] of events.entries()) {
        hash = chainNext(hash, event);
        assert.equal(rows[i]?.hash, hash, `hash of event ${event.seq}`);
      }
      await assert.rejects(db.query('DELETE FROM crucible_log'), /append-only/);
      // Tamper the way only a superuser could: bypass the trigger, then rewrite event 3's text.
      await db.query('ALTER TABLE crucible_log DISABLE TRIGGER crucible_log_append_only');
      await db.query(`UPDATE crucible_log SET event = json_build_object('seq', 3, 'ts', event->'ts', 'type', event->'type',
        'actor', event->'actor', 'data', json_build_object('id', 'R-3', 'text', 'forged')) WHERE seq = 3`);
      await assert.rejects(other.append({ type: 'requirement.added', actor: 'human', data: { text: 'after' } }), (error: Error) => {
        assert.match(error.message, /damaged at event 3: its hash does not chain/);
        assert.doesNotMatch(error.message, /password/);
        return true;
      });
      assert.equal(other.head(), 0, 'nothing was taken into the view');
    } finally {
      await db.end();
      await other.close();
      await t.cleanup();
    }
  });

  test('postgres: rebuild finds a damaged projection row and rewrites it', async () => {
    const t = await tempPgStore(cluster);
    const db = new pg.Client({ connectionString: t.url });
    await db.connect();
    try {
      await t.store.append({ type: 'task.created', actor: 'planner', data: { title: 'Add add', role: 'implementer' } });
      const good = t.store.view.get('tasks', 'T-1');
      await db.query(`UPDATE crucible_rows SET row = '{"damaged":true}' WHERE tbl = 'tasks' AND key = 'T-1'`);
      const reopened = await t.reopen();
      assert.deepEqual(await reopened.rebuild(), {
        events: 1,
        equal: false,
        differences: ['tasks/T-1'],
        rewritten: false,
        chain: { verified: true },
      });
      assert.equal((await reopened.rebuild({ rewrite: true })).rewritten, true);
      assert.deepEqual(reopened.view.get('tasks', 'T-1'), good);
      assert.equal((await reopened.rebuild()).equal, true);
    } finally {
      await db.end();
      await t.cleanup();
    }
  });

  test('postgres: rebuild follows the hash chain over the whole log and names an event altered in place', async () => {
    const t = await tempPgStore(cluster);
    const db = new pg.Client({ connectionString: t.url });
    await db.connect();
    try {
      for (let i = 1; i <= 4; i++) await t.store.append({ type: 'requirement.added', actor: 'human', data: { text: `req ${i}` } });
      assert.deepEqual((await t.store.rebuild()).chain, { verified: true });
      await db.query('ALTER TABLE crucible_log DISABLE TRIGGER crucible_log_append_only');
      // The text changes but still validates: only the chain can tell.
      await db.query(`UPDATE crucible_log SET event = replace(event::text, 'req 2', 'forged')::json WHERE seq = 2`);
      const report = await t.store.rebuild();
      assert.deepEqual(report.chain, { verified: false, brokenAt: 2, reason: 'hash' });
      assert.equal(report.events, 4, 'replay went on past the break');
      await db.query('DELETE FROM crucible_log WHERE seq = 3');
      assert.deepEqual((await t.store.rebuild()).chain, { verified: false, brokenAt: 2, reason: 'hash' }, 'the first break is named');
      await db.query(`UPDATE crucible_log SET event = replace(event::text, 'forged', 'req 2')::json WHERE seq = 2`);
      assert.deepEqual((await t.store.rebuild()).chain, { verified: false, brokenAt: 3, reason: 'gap' });
    } finally {
      await db.end();
      await t.cleanup();
    }
  });

  test('postgres: a batch whose connection is lost after its COMMIT is reported written, once', async () => {
    const url = await cluster.createDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // The wait for the flush runs after the COMMIT; shadowing txid_current makes the server drop the connection there, once.
    await admin.query(`CREATE SEQUENCE public.drop_once;
      CREATE FUNCTION public.txid_current() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN
        IF nextval('public.drop_once') = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
        RETURN pg_catalog.txid_current(); END $$`);
    await admin.end();
    const shadowed = new URL(url);
    shadowed.searchParams.set('options', '-c search_path=public,pg_catalog');
    const store = await PgEventStore.open({ url: shadowed.toString() });
    try {
      const first = await store.append({ type: 'requirement.added', actor: 'planner', data: { text: 'Before the drop' } });
      const second = await store.append({ type: 'requirement.added', actor: 'planner', data: { text: 'Committed, then dropped' } });
      const third = await store.append({ type: 'requirement.added', actor: 'planner', data: { text: 'After the drop' } });
      assert.deepEqual([first.seq, second.seq, third.seq], [1, 2, 3]);
      const logged: RecordEvent[] = [];
      for await (const event of store.read()) logged.push(event);
      assert.deepEqual(
        logged.map((e) => (e.data as { text: string }).text),
        ['Before the drop', 'Committed, then dropped', 'After the drop'],
      );
    } finally {
      await store.close();
    }
  });

  test('postgres: a whole log imports into an empty record only, with its projections and chain', async () => {
    const source = await tempPgStore(cluster);
    const target = await tempPgStore(cluster);
    try {
      await source.store.append({ type: 'requirement.added', actor: 'planner', data: { text: 'Dates parse' } });
      await source.store.append({
        type: 'task.created',
        actor: 'planner',
        data: { title: 'Parse dates', role: 'implementer', requirements: ['R-1'] },
      });
      const entries: { event: RecordEvent }[] = [];
      for await (const event of source.store.read()) entries.push({ event });
      assert.equal(await target.store.importLog(entries), 2);
      assert.deepEqual(target.store.view.get('tasks', 'T-1'), source.store.view.get('tasks', 'T-1'));
      const check = await (await target.reopen()).rebuild();
      assert.deepEqual([check.events, check.equal], [2, true]);
      await assert.rejects(source.store.importLog(entries), /already holds 2 events/);
    } finally {
      await source.cleanup();
      await target.cleanup();
    }
  });

  test('postgres: an unreachable server is one line naming the place and the fix, without the password', async () => {
    const url = cluster
      .url('nowhere')
      .replace(/:\d+\//, ':1/')
      .replace('crucible@', 'crucible:s3cret@');
    await assert.rejects(PgEventStore.open({ url }), (error: Error) => {
      assert.match(
        error.message,
        /cannot open the PostgreSQL record at postgres:\/\/crucible:\*\*\*@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/,
      );
      assert.doesNotMatch(`${error.message} ${(error as { fix?: string }).fix}`, /s3cret/);
      return true;
    });
  });
}

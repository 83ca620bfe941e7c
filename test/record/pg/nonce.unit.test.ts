// The server-side append's staging (src/record/pg/nonce.ts), without a server: staging with placeholders and
// then substituting the numbers the server would assign must give exactly the event texts and projection rows
// that staging with the real numbers gives, over a mixed workload and over texts full of digit runs; and every
// case outside the contract must fall back to the usual path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASSIGNED_IDS, type EventDraft, type RecordEvent } from '../../../src/record/events.js';
import type { EventStore } from '../../../src/record/event-store.js';
import { stageBatch, type PendingAppend, type PrepareOptions } from '../../../src/record/prepare.js';
import { stageWithNonces, substitute, type NonceBatch } from '../../../src/record/pg/nonce.js';
import { emptyTables, type Change, type Tables } from '../../../src/record/tables.js';
import { readerOf } from '../../../src/record/tx.js';
import { appendMixed } from '../../../support/helpers/workload.js';

const options: PrepareOptions = { now: () => new Date('2026-03-04T05:06:07.089Z') };
const pendingOf = (drafts: EventDraft[]): PendingAppend => ({ drafts, resolve: () => undefined, reject: () => undefined });
const rowsOf = (changes: readonly Change[]) => changes.map((c) => `${c.table}/${c.key} ${JSON.stringify(c.row)}`).sort();

/** What the server does (append-fn.ts): sequence numbers after the head, ids after their counters, all substituted. */
function serverNumbers(batch: NonceBatch, tables: Tables, head: number): { numbers: Map<string, number>; counters: Change[] } {
  const numbers = new Map(batch.seqNonces.map((n, i) => [n, head + i + 1]));
  const next = new Map<string, number>();
  for (const { prefix, nonce } of batch.ids) {
    const value = (next.get(prefix) ?? tables.counters.get(`id.${prefix}`)?.value ?? 0) + 1;
    next.set(prefix, value);
    numbers.set(nonce, value);
  }
  const counters = [...next].map(([p, value]) => ({ table: 'counters', key: `id.${p}`, row: { name: `id.${p}`, value } }) as Change);
  return { numbers, counters };
}

/** A store that stages every append both ways over the same tables and checks they agree; counts the batches the server could take. */
function twoWayStore(tables: Tables) {
  let head = 0;
  const seen = { server: 0, usual: 0 };
  const append = async (draft: EventDraft): Promise<RecordEvent> => {
    // Leave assigned ids to the record (the workload spells out the ones it would get), so placeholders are used.
    const assigned = (ASSIGNED_IDS as Partial<Record<string, { field: string }>>)[draft.type];
    const data = { ...(draft.data as Record<string, unknown>) };
    if (assigned) delete data[assigned.field];
    const drafts = [{ ...draft, data } as EventDraft];
    const withNonces = stageWithNonces([pendingOf(drafts)], readerOf(tables), options);
    let refusal: unknown;
    const real = stageBatch([{ ...pendingOf(drafts), reject: (e) => (refusal = e) }], readerOf(tables), head, options);
    if (refusal) throw refusal;
    if (withNonces) {
      seen.server++;
      const { numbers, counters } = serverNumbers(withNonces, tables, head);
      const events = real.accepted[0]!.events;
      assert.deepEqual(
        withNonces.events.map((text) => substitute(text, numbers)),
        events.map((e) => JSON.stringify(e)),
      );
      const substituted = withNonces.changes.map((c) => ({
        ...c,
        key: substitute(c.key, numbers),
        row: JSON.parse(substitute(JSON.stringify(c.row), numbers)),
      }));
      assert.deepEqual(rowsOf([...substituted, ...counters] as Change[]), rowsOf(real.staged.changes()), `rows of ${events[0]!.type}`);
    } else seen.usual++;
    real.staged.commitInto(tables);
    head = real.seq;
    return real.accepted[0]!.events[0]!;
  };
  // Only append is what appendMixed uses.
  return { store: { append } as unknown as EventStore, seen };
}

test('placeholders substituted by the server give exactly what staging with the real numbers gives, over a mixed workload', async () => {
  const { store, seen } = twoWayStore(emptyTables());
  await appendMixed(store, 1_500, { seed: 7 });
  assert.ok(seen.server > 1_000, `most batches can go to the server (${seen.server} of ${seen.server + seen.usual})`);
  assert.ok(seen.usual > 0, 'messages (their key pads the sequence number) go the usual way');
});

test('texts with digit runs, including ones like placeholders and ids, survive substitution unchanged', async () => {
  const tables = emptyTables();
  const { store } = twoWayStore(tables);
  const runs = '1000000000000000 9007199254740991 4503599627370496123 T-1234567890123456 seq 12 R-1 0001 2026-03-04';
  await store.append({ type: 'requirement.added', actor: 'planner', data: { text: runs } });
  await store.append({ type: 'task.created', actor: 'planner-42', data: { title: runs, role: 'implementer', requirements: ['R-1'] } });
  await store.append({ type: 'memory.remembered', actor: 'x', data: { scope: 'project', text: runs } });
  await store.append({ type: 'task.claimed', actor: 'impl-1', data: { id: 'T-1', assignee: 'impl-1' } });
  assert.equal(tables.tasks.get('T-1')?.title, runs);
  assert.equal(tables.memories.get('M-1')?.text, runs);
});

test('substitution replaces the placeholders only', () => {
  const numbers = new Map([
    ['1234567890123456', 7],
    ['2234567890123456', 12],
  ]);
  assert.equal(
    substitute('{"seq":1234567890123456,"id":"T-2234567890123456","text":"12345678901234 2"}', numbers),
    '{"seq":7,"id":"T-12","text":"12345678901234 2"}',
  );
});

test('a batch outside the contract takes the usual path', async () => {
  const tables = emptyTables();
  const { store } = twoWayStore(tables);
  await store.append({ type: 'task.created', actor: 'planner', data: { title: 'one', role: 'implementer' } });
  const stage = (drafts: EventDraft[], mint?: () => string) => stageWithNonces([pendingOf(drafts)], readerOf(tables), options, mint);
  assert.ok(
    stage([{ type: 'task.claimed', actor: 'a', data: { id: 'T-1', assignee: 'a' } }]),
    'a claim reads one row: the server checks it',
  );
  assert.equal(stage([{ type: 'task.claimed', actor: 'a', data: { id: 'T-9', assignee: 'a' } }]), undefined, 'refused over this view');
  assert.equal(
    stage([{ type: 'message.sent', actor: 'a', data: { to: 'b', text: 'hi' } }]),
    undefined,
    'a key made of the sequence number',
  );
  assert.equal(
    stage([{ type: 'task.created', actor: 'a', data: { id: 'T-5', title: 'x', role: 'r' } }]),
    undefined,
    'an id that moves a counter',
  );
  const proposal: EventDraft = {
    type: 'proposal.created',
    actor: 'a',
    data: { title: 't', body: 'b', fingerprint: 'f' },
  } as unknown as EventDraft;
  assert.equal(stage([proposal]), undefined, 'a reducer that iterates a table');
  let n = 0;
  const fixed = () => String(1111111111111111 + n++);
  assert.ok(stage([{ type: 'memory.remembered', actor: 'a', data: { scope: 'project', text: 'no placeholder here' } }], fixed));
  const same = () => '1111111111111111';
  assert.equal(
    stage([{ type: 'memory.remembered', actor: 'a', data: { scope: 'project', text: 'x' } }], same),
    undefined,
    'two equal placeholders',
  );
  n = 0;
  const clash = { type: 'memory.remembered', actor: 'a', data: { scope: 'project', text: 'see 1111111111111112' } } as EventDraft;
  assert.equal(stage([clash], fixed), undefined, 'a placeholder that occurs in an input text');
});

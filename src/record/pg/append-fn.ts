// The server-side append: one function call per batch, in one round trip, so the writers' lock is held only
// inside the server. Under the lock `crucible_append` numbers the batch's placeholders (nonce.ts) — the
// sequence numbers after the head, the ids after their counters, which it updates — checks that every row
// the writer read while staging is still what it read (else SQLSTATE CR409: the writer takes the usual
// path), substitutes the numbers into every event text, row key and row text, chains the events as
// chain.ts does (sha256 hex of previous hash, "\n", event text; the database must be UTF-8), writes them,
// notes the batch for a writer that loses its connection (crucible_writers), notifies, and returns every
// log row after the writer's head, its own last.
import { escapeLiteral } from 'pg';
import { CHANNEL, WRITER_LOCK } from './lock.js';
import { DURABLE } from './durable.js';
import { EVENTS_KEY } from './revision.js';
import type { NonceBatch } from './nonce.js';

export const APPEND_FUNCTION = `
CREATE TABLE IF NOT EXISTS crucible_writers (
  writer text PRIMARY KEY,
  batch text NOT NULL,
  seq bigint NOT NULL
);
CREATE OR REPLACE FUNCTION crucible_subst(t text, nonces text[], vals text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(nonces, 1), 0) LOOP
    t := replace(t, nonces[i], vals[i]);
  END LOOP;
  RETURN t;
END $$;
CREATE OR REPLACE FUNCTION crucible_append(
  since bigint, writer_id text, batch_id text, events text[], seq_nonces text[], id_prefixes text[], id_nonces text[],
  read_tbl text[], read_key text[], read_row text[], up_tbl text[], up_key text[], up_row text[], del_tbl text[], del_key text[]
) RETURNS TABLE (seq bigint, hash char(64), event text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  head bigint; prev text; n bigint; body text; stored text; counter text;
  nonces text[] := '{}'; vals text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(${WRITER_LOCK});
  PERFORM set_config('synchronous_commit', 'off', true);
  SELECT l.seq, l.hash INTO head, prev FROM crucible_log l ORDER BY l.seq DESC LIMIT 1;
  head := coalesce(head, 0);
  prev := coalesce(prev, repeat('0', 64));
  IF head < since THEN
    RAISE EXCEPTION 'the record ends at % but this writer has seen %: it was truncated or restored', head, since USING ERRCODE = 'CR410';
  END IF;
  FOR i IN 1 .. coalesce(array_length(seq_nonces, 1), 0) LOOP
    nonces := nonces || seq_nonces[i];
    vals := vals || (head + i)::text;
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(id_nonces, 1), 0) LOOP
    IF id_prefixes[i] !~ '^[A-Z]$' THEN RAISE EXCEPTION 'crucible_append: bad id prefix %', id_prefixes[i]; END IF;
    counter := 'id.' || id_prefixes[i];
    SELECT (r.row->>'value')::bigint INTO n FROM crucible_rows r WHERE r.tbl = 'counters' AND r.key = counter;
    n := coalesce(n, 0) + 1;
    INSERT INTO crucible_rows AS r (tbl, key, row) VALUES ('counters', counter, ('{"name":"' || counter || '","value":' || n || '}')::json)
      ON CONFLICT (tbl, key) DO UPDATE SET row = excluded.row;
    nonces := nonces || id_nonces[i];
    vals := vals || n::text;
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(read_tbl, 1), 0) LOOP
    stored := NULL;
    SELECT r.row::text INTO stored FROM crucible_rows r WHERE r.tbl = read_tbl[i] AND r.key = crucible_subst(read_key[i], nonces, vals);
    IF stored IS DISTINCT FROM read_row[i] THEN
      RAISE EXCEPTION 'the rows this batch read changed' USING ERRCODE = 'CR409';
    END IF;
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(events, 1), 0) LOOP
    body := crucible_subst(events[i], nonces, vals);
    prev := encode(sha256(convert_to(prev || E'\\n' || body, 'UTF8')), 'hex');
    INSERT INTO crucible_log (seq, hash, event) VALUES (head + i, prev, body::json);
  END LOOP;
  n := head + coalesce(array_length(events, 1), 0);
  INSERT INTO crucible_rows AS r (tbl, key, row)
    SELECT u.t, crucible_subst(u.k, nonces, vals), crucible_subst(u.r, nonces, vals)::json FROM unnest(up_tbl, up_key, up_row) AS u(t, k, r)
    ON CONFLICT (tbl, key) DO UPDATE SET row = excluded.row;
  DELETE FROM crucible_rows r USING unnest(del_tbl, del_key) AS d(t, k) WHERE r.tbl = d.t AND r.key = crucible_subst(d.k, nonces, vals);
  INSERT INTO crucible_writers AS w (writer, batch, seq) VALUES (writer_id, batch_id, n)
    ON CONFLICT (writer) DO UPDATE SET batch = excluded.batch, seq = excluded.seq;
  PERFORM pg_notify('${CHANNEL}', n::text);
  RETURN QUERY SELECT l.seq, l.hash, l.event::text FROM crucible_log l WHERE l.seq > since ORDER BY l.seq;
END $$;`;

const literal = (text: string | null) => (text === null ? 'NULL' : escapeLiteral(text));
const texts = (items: readonly (string | null)[]) => `ARRAY[${items.map(literal).join(',')}]::text[]`;

/**
 * The round trip of one batch: the call (its arguments as escaped literals, no bound parameters, so it is
 * one simple query with the commit and the flush wait), the event schema revision, COMMIT, the flush wait.
 * The statements run as one implicit transaction: an error anywhere writes nothing.
 */
export function appendCall(head: number, writer: string, batchId: string, batch: NonceBatch): string {
  const upserts = batch.changes.filter((c) => c.row !== null);
  const deletes = batch.changes.filter((c) => c.row === null);
  const args = [
    String(head),
    literal(writer),
    literal(batchId),
    texts(batch.events),
    texts(batch.seqNonces),
    texts(batch.ids.map((i) => i.prefix)),
    texts(batch.ids.map((i) => i.nonce)),
    texts(batch.reads.map((r) => r.table)),
    texts(batch.reads.map((r) => r.key)),
    texts(batch.reads.map((r) => r.row)),
    texts(upserts.map((c) => c.table)),
    texts(upserts.map((c) => c.key)),
    texts(upserts.map((c) => JSON.stringify(c.row))),
    texts(deletes.map((c) => c.table)),
    texts(deletes.map((c) => c.key)),
  ];
  return `SELECT * FROM crucible_append(${args.join(', ')});
SELECT value FROM crucible_meta WHERE name = '${EVENTS_KEY}'; COMMIT; ${DURABLE}`;
}

// A prototype for `npm run bench -- record` (PostgreSQL): server-side staging's critical section. The writers'
// lock, the read of the head, the sequence numbers, the hash chain (computed in SQL) and the insert run in
// one round trip, so the lock is held only inside the server. It replays the statements our writers
// committed with each event's `{"seq":N` head cut off: the server numbers and chains them. It measures
// the ceiling of that design, not a store: the projection rows are the ones our writers staged, and no id
// is assigned and no gate checked in SQL (docs/record.md, "Server-side staging", says what that needs).
import type pg from 'pg';
import { chainNextText, GENESIS_HASH } from '../src/record/chain.js';
import { DURABLE } from '../src/record/pg/durable.js';
import { WRITER_LOCK } from '../src/record/pg/schema.js';
import { LOG_COLUMNS, type Statement } from '../src/record/pg/sql.js';

/** Numbers and chains event texts after the head, as chain.ts does (the database's encoding must be UTF-8 for non-ASCII text). */
export const STAGE_FUNCTION = `
CREATE OR REPLACE FUNCTION crucible_stage(tails text[]) RETURNS TABLE (seq bigint, hash char(64), event json) LANGUAGE plpgsql AS $$
DECLARE head bigint; prev text; tail text; body text;
BEGIN
  SELECT l.seq, l.hash INTO head, prev FROM crucible_log l ORDER BY l.seq DESC LIMIT 1;
  head := coalesce(head, 0);
  prev := coalesce(prev, repeat('0', 64));
  FOREACH tail IN ARRAY tails LOOP
    head := head + 1;
    body := '{"seq":' || head || tail;
    prev := encode(sha256(convert_to(prev || E'\\n' || body, 'UTF8')), 'hex');
    seq := head; hash := prev; event := body::json;
    RETURN NEXT;
  END LOOP;
END $$;`;

// The log rows of writeBatch's statement: the sequence numbers, the hashes, then the event texts (captured).
const LOG_INSERT = new RegExp(
  String.raw`INSERT INTO crucible_log \(seq, hash, event\) SELECT \* FROM unnest\(` +
    String.raw`ARRAY\[[^\]]*\]::bigint\[\], ARRAY\[[^\]]*\]::char\(64\)\[\], (ARRAY\[.*?\]::json\[\])\)\n\)`,
  's',
);

/** A committed batch statement (pg/sql.ts writeBatch) with its log rows numbered and chained by the server. */
function serverChained(statement: Statement): string {
  const match = LOG_INSERT.exec(statement.text);
  if (!match)
    throw new Error('bench/record-pg-staged.ts: the batch statement no longer has the shape pg/sql.ts gave it; update LOG_INSERT');
  const tails = match[1]!.replace(/(E?')\{"seq":\d+/g, '$1').replace(/::json\[\]$/, '::text[]');
  return statement.text.replace(match[0], `INSERT INTO crucible_log (seq, hash, event) SELECT * FROM crucible_stage(${tails})\n)`);
}

/** One transaction of the prototype: lock, staging in SQL and the write in one round trip, then the flush wait. */
export async function stagedTransaction(client: pg.Client, statement: Statement): Promise<void> {
  await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK}), set_config('synchronous_commit', 'off', true);
     ${serverChained(statement)}; COMMIT; ${DURABLE}`,
  );
}

/** Throws unless the log the server chained is gap-free and chains as chain.ts computes it; returns its length. */
export async function verifyServerChain(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ seq: string; hash: string; event: string }>(`SELECT ${LOG_COLUMNS} FROM crucible_log ORDER BY seq`);
  let hash = GENESIS_HASH;
  rows.forEach((row, i) => {
    hash = chainNextText(hash, row.event);
    if (Number(row.seq) !== i + 1 || row.hash !== hash) throw new Error(`the server's chain differs from chain.ts at #${row.seq}`);
  });
  return rows.length;
}

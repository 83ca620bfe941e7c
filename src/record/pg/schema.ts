// The PostgreSQL layout of the record: the log as an append-only table with a unique, gap-free
// sequence and the hash chain, and every projection row keyed by table and key. Creating it
// is idempotent and done under the writers' lock, so two first openers cannot collide.
import type { ClientBase } from 'pg';
import { failure } from '../../shared/errors.js';

export const SCHEMA_VERSION = 1;
/** The transaction-level advisory lock every writer takes: one writer at a time across processes. */
export const WRITER_LOCK = 0x63727563; // "cruc"
/** The channel a commit notifies with its last sequence number. */
export const CHANNEL = 'crucible_record';

const DDL = `
CREATE TABLE IF NOT EXISTS crucible_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  hash char(64) NOT NULL,
  event json NOT NULL
);
CREATE TABLE IF NOT EXISTS crucible_rows (
  tbl text NOT NULL,
  key text NOT NULL,
  row json NOT NULL,
  PRIMARY KEY (tbl, key)
);
CREATE TABLE IF NOT EXISTS crucible_meta (
  name text PRIMARY KEY,
  value text NOT NULL
);
CREATE OR REPLACE FUNCTION crucible_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the crucible log is append-only';
END $$;
CREATE OR REPLACE TRIGGER crucible_log_append_only BEFORE UPDATE OR DELETE ON crucible_log
  FOR EACH STATEMENT EXECUTE FUNCTION crucible_log_append_only();
INSERT INTO crucible_meta (name, value) VALUES ('schema', '${SCHEMA_VERSION}') ON CONFLICT (name) DO NOTHING;
`;

/** Creates the tables when missing and refuses a record written by a newer schema. */
export async function ensureSchema(client: ClientBase, where: string): Promise<void> {
  // The usual case, a record that exists, costs one read and no lock (42P01: no such table yet).
  const existing = await client
    .query<{ value: string }>(`SELECT value FROM crucible_meta WHERE name = 'schema'`)
    .catch((error: { code?: string }) => (error.code === '42P01' ? undefined : Promise.reject(error)));
  if (existing?.rows[0]?.value === String(SCHEMA_VERSION)) return;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
    await client.query(DDL);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM crucible_meta WHERE name = 'schema'`);
    const version = Number(rows[0]?.value);
    if (version !== SCHEMA_VERSION)
      throw failure(
        'record-schema',
        `the record at ${where} has schema version ${rows[0]?.value ?? 'none'}, this crucible reads version ${SCHEMA_VERSION}`,
        'upgrade crucible to the version the rest of the team uses',
      );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

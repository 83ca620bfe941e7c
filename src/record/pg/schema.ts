// The PostgreSQL layout of the record: the log as an append-only table with a unique, gap-free
// sequence and the hash chain, and every projection row keyed by table and key. Creating it
// is idempotent and done under the writers' lock, so two first openers cannot collide.
import type { ClientBase } from 'pg';
import { failure } from '../../shared/errors.js';
import { APPEND_FUNCTION } from './append-fn.js';

import { WRITER_LOCK } from './lock.js';

export { CHANNEL, WRITER_LOCK } from './lock.js';

/** 2: the server-side append (crucible_append, crucible_writers); a version 1 record is migrated on open (nothing else changed). */
export const SCHEMA_VERSION = 2;

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
${APPEND_FUNCTION}
`;

/**
 * Creates the tables when missing, migrates a version 1 record, and refuses one written by a newer schema. Returns
 * whether the database is UTF-8, which the server-side append needs (its hash chain hashes the text as UTF-8).
 */
export async function ensureSchema(client: ClientBase, where: string): Promise<boolean> {
  // The usual case, a record that exists, costs one read and no lock (42P01: no such table yet).
  const existing = await client
    .query<{ value: string; utf8: boolean }>(
      `SELECT value, current_setting('server_encoding') = 'UTF8' AS utf8 FROM crucible_meta WHERE name = 'schema'`,
    )
    .catch((error: { code?: string }) => (error.code === '42P01' ? undefined : Promise.reject(error)));
  if (existing?.rows[0]?.value === String(SCHEMA_VERSION)) return existing.rows[0].utf8;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
    await client.query(DDL);
    // Version 1 lacks only what the DDL just created.
    await client.query(`UPDATE crucible_meta SET value = '${SCHEMA_VERSION}' WHERE name = 'schema' AND value = '1'`);
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
  return ensureSchema(client, where);
}

// Which event schema revisions have written to a shared PostgreSQL record. Every writer registers its
// EVENT_SCHEMA_REVISION when it opens, and the record keeps the lowest: while that is this crucible's own,
// every event in the log was validated as this crucible would, so an event whose hash verifies over its
// stored text is absorbed without zod. A teammate on an older crucible lowers it, and from the next batch on
// every writer validates what it reads again.
import type { ClientBase } from 'pg';
import { EVENT_SCHEMA_REVISION } from '../events.js';

export const EVENTS_KEY = 'event-revision';

/** Records this crucible's revision (keeping the lowest) and says whether the record is trusted. */
export async function registerRevision(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ value: string }>(
    `INSERT INTO crucible_meta (name, value) VALUES ('${EVENTS_KEY}', '${EVENT_SCHEMA_REVISION}')
     ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE crucible_meta.value::int > excluded.value::int
     RETURNING value`,
  );
  if (rows.length > 0) return trusts(rows);
  const current = await client.query<{ value: string }>(`SELECT value FROM crucible_meta WHERE name = '${EVENTS_KEY}'`);
  return trusts(current.rows);
}

/** Whether the registered revision (a `value` row from crucible_meta) is this crucible's. */
export function trusts(rows: readonly { value: string }[] | undefined): boolean {
  return rows?.[0]?.value === String(EVENT_SCHEMA_REVISION);
}

// Which log entries replay may decode without zod. An entry whose hash verifies is exactly what the
// writer validated, but only under the event schemas of its day: the meta key `validated` says from
// which sequence on every entry was written under the current EVENT_SCHEMA_REVISION. A record from
// before the mark, or from another revision, has its older entries validated on every replay.
import { EVENT_SCHEMA_REVISION } from './events.js';
import type { Keyspaces } from './level-db.js';

const KEY = 'validated';

interface ValidatedMark {
  revision: number;
  /** The first sequence number written under `revision`. */
  from: number;
}

/** The first sequence number replay may trust (Infinity: none). */
export async function trustFrom(ks: Keyspaces): Promise<number> {
  const mark = await readMark(ks);
  return mark?.revision === EVENT_SCHEMA_REVISION ? mark.from : Infinity;
}

/** Called when a writer opens the record: events from `head + 1` on are written under this revision. */
export async function markValidated(ks: Keyspaces, head: number): Promise<void> {
  const mark = await readMark(ks);
  if (mark?.revision === EVENT_SCHEMA_REVISION) return;
  await ks.meta.put(KEY, { revision: EVENT_SCHEMA_REVISION, from: head + 1 } satisfies ValidatedMark);
}

/** The batch operation that marks a record being built from its first event. */
export const markFromStart = (ks: Keyspaces) =>
  ({ type: 'put', sublevel: ks.meta, key: KEY, value: { revision: EVENT_SCHEMA_REVISION, from: 1 } satisfies ValidatedMark }) as const;

async function readMark(ks: Keyspaces): Promise<ValidatedMark | undefined> {
  const value = (await ks.meta.get(KEY)) as Partial<ValidatedMark> | undefined;
  return typeof value?.revision === 'number' && typeof value.from === 'number' ? { revision: value.revision, from: value.from } : undefined;
}

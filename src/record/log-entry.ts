// A log entry as LevelDB stores it: the validated event with its chain hash beside it.
// Entries written before the chain existed have no hash; they are chained by content.
import type { RecordEvent } from './events.js';
import { parseEvent } from './validate.js';

export type LogValue = RecordEvent & { hash?: string };

export const logValue = (event: RecordEvent, hash: string): LogValue => ({ ...event, hash });

/** Validates a stored entry (the schema drops the hash) and returns the event and its stored hash. */
export function readLogValue(value: unknown, seq: number): { event: RecordEvent; hash: string | undefined } {
  const event = parseEvent(value, `log entry ${seq}`);
  const hash = (value as { hash?: unknown }).hash;
  return { event, hash: typeof hash === 'string' ? hash : undefined };
}

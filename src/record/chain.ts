// The hash chain over the log: each event's hash covers the previous hash and the event's
// canonical JSON (the validated RecordEvent, keys in the order the validator outputs them),
// so a changed, dropped or reordered event breaks every hash after it.
import { createHash } from 'node:crypto';
import type { RecordEvent } from './events.js';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 hex of `previousHash + '\n' + JSON.stringify(event)`. */
export function chainNext(previousHash: string, event: RecordEvent): string {
  return createHash('sha256')
    .update(`${previousHash}\n${JSON.stringify(event)}`)
    .digest('hex');
}

// Replay trusts a stored entry whose hash verifies without validating it again, but only under the
// EVENT_SCHEMA_REVISION it was written with (trust-mark.ts). This pins what validation outputs for every
// event: a change to it (a field, a default, a bound) fails here until the revision is bumped and the pin
// updated together, so old entries are validated again instead of being trusted under new rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EVENT_SCHEMA_REVISION, eventDataSchemas } from '../../src/record/events.js';

/** The validated output of every event type, as JSON Schema, hashed; keyed by the revision it belongs to. */
const PINNED: Record<number, string> = {
  1: '034cca2c1970efa74681e49bf5f54ce6dc148aee952e286627c9f3b66446cba0',
  2: '272c7fe7bc3caac8db0cee66a36b1420fa545547704e351c7988ee141bf36931',
  // task.claimed gained `base` (the commit where the task's work starts).
  3: 'a34a22c7b161b0f4f4a3fdf1c5fd702f7d4385d0ef642d68079db2cfcb2b48f7',
  // proposal.created/refreshed gained `anchors`; proposal.declined is new.
  4: '9c2aead367247abc02382f124c511b60d01cc30e56bc50c734554759b4c43d8d',
};

test('the event schemas have not changed without a new EVENT_SCHEMA_REVISION', () => {
  const shapes = Object.fromEntries(
    Object.entries(eventDataSchemas).map(([type, schema]) => [
      type,
      z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any' }),
    ]),
  );
  const fingerprint = createHash('sha256').update(JSON.stringify(shapes)).digest('hex');
  assert.equal(
    fingerprint,
    PINNED[EVENT_SCHEMA_REVISION],
    `the validated output of an event changed: bump EVENT_SCHEMA_REVISION in src/record/events.ts and pin ${fingerprint} under it`,
  );
});

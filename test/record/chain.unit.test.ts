import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chainNext, followChain, GENESIS_HASH } from '../../src/record/chain.js';
import type { RecordEvent } from '../../src/record/events.js';

const event = (seq: number): RecordEvent =>
  ({
    seq,
    ts: '2026-01-01T00:00:00.000Z',
    type: 'requirement.added',
    actor: 'planner',
    data: { id: `R-${seq}`, text: `Requirement ${seq}` },
  }) as RecordEvent;

test('the chain is sha256 hex of the previous hash, a newline and the event as JSON, from 64 zeros', () => {
  assert.equal(GENESIS_HASH, '0'.repeat(64));
  const expected = createHash('sha256')
    .update(`${GENESIS_HASH}\n${JSON.stringify(event(1))}`)
    .digest('hex');
  assert.equal(chainNext(GENESIS_HASH, event(1)), expected);
  assert.notEqual(chainNext(expected, event(2)), chainNext(GENESIS_HASH, event(2)), 'each hash depends on the one before');
});

test('followChain finds the first gap or altered event, and accepts entries stored without a hash', () => {
  const h1 = chainNext(GENESIS_HASH, event(1));
  const h2 = chainNext(h1, event(2));
  const h3 = chainNext(h2, event(3));
  const whole = followChain(
    [
      { event: event(1), hash: h1 },
      { event: event(2), hash: undefined },
      { event: event(3), hash: h3 },
    ],
    GENESIS_HASH,
    1,
  );
  assert.deepEqual(whole, { hash: h3, next: 4 });
  const gap = followChain(
    [
      { event: event(1), hash: h1 },
      { event: event(3), hash: h3 },
    ],
    GENESIS_HASH,
    1,
  );
  assert.deepEqual(gap.broken, { seq: 2, reason: 'gap' });
  const altered = { ...event(2), actor: 'mallory' } as RecordEvent;
  const tampered = followChain(
    [
      { event: event(1), hash: h1 },
      { event: altered, hash: h2 },
    ],
    GENESIS_HASH,
    1,
  );
  assert.deepEqual(tampered.broken, { seq: 2, reason: 'hash' });
});

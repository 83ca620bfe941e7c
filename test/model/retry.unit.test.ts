import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, backoffDelay, isRetryableStatus, parseRetryAfter, retryDelay } from '../../src/model/retry.js';
import type { ModelError } from '../../src/model/types.js';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
const error = (fields: Partial<ModelError> = {}): ModelError => ({
  kind: 'server_error',
  message: 'x',
  retryable: true,
  attempts: 1,
  ...fields,
});

test('backoff doubles per retry, is capped, and jitter only shortens it', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0)),
    [100, 200, 400, 800, 1000],
  );
  assert.equal(
    backoffDelay(1, policy, () => 0.999_999),
    75,
  );
});

test('retry-after wins over backoff, up to the policy maximum', () => {
  assert.equal(retryDelay(error({ retryAfterMs: 3000 }), 1, policy), 3000);
  assert.equal(retryDelay(error({ retryAfterMs: 120_000 }), 1, policy), null);
  assert.equal(retryDelay(error({ retryable: false }), 1, policy), null);
  assert.equal(retryDelay(error(), policy.maxRetries + 1, policy), null);
  assert.equal(
    retryDelay(error(), 2, policy, () => 0),
    200,
  );
});

test('retry-after is read in milliseconds, seconds or as an HTTP date', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }), now), 250);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '7' }), now), 7000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 24 Nov 2026 12:00:30 GMT' }), now), 30_000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('408, 409, 429 and 5xx are retryable statuses; other 4xx are not', () => {
  assert.deepEqual([408, 409, 429, 500, 503, 529].map(isRetryableStatus), [true, true, true, true, true, true]);
  assert.deepEqual([400, 401, 403, 404, 413].map(isRetryableStatus), [false, false, false, false, false]);
});

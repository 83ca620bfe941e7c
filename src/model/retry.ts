// Retry policy: which failures are retried, and after how long. Exponential
// backoff with jitter, or the server's `retry-after` when it sends one. Pure
// apart from `sleep`, which tests replace to observe delays without waiting.
import { setTimeout as delay } from 'node:timers/promises';
import type { ModelError } from './types.js';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). */
  maxRetries: number;
  /** Delay before the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Cap on the computed backoff. */
  maxDelayMs: number;
  /** A `retry-after` longer than this ends the turn (retryable) instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/** Bound on a whole turn (retries and waits included) when the config names none. */
export const DEFAULT_TURN_TIMEOUT_MS = 300_000;

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

/** Backoff before retry number `retry` (1-based): base × 2^(retry-1), capped, minus up to 25% jitter. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** Math.max(0, retry - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 - random() * 0.25));
}

/**
 * How long to wait before retrying after `error` on retry number `retry`, or null
 * when the turn should end with the error instead.
 */
export function retryDelay(error: ModelError, retry: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (!error.retryable || retry > policy.maxRetries) return null;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : null;
  }
  return backoffDelay(retry, policy, random);
}

/** Reads `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses worth retrying: request timeout, lock conflict, rate limit, server errors, overloaded. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

// Turns whatever the Anthropic SDK (or the stream under it) throws into one
// `ModelError`: a kind, a redacted one-line message, and whether trying again
// may help. The SDK's own error classes are the source of truth here.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { RETRYABLE_KINDS, modelError } from './model-error.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';
import type { ModelError, ModelErrorKind } from './types.js';
import { messageOf } from '../shared/errors.js';

const KIND_BY_STATUS: ReadonlyMap<number, ModelErrorKind> = new Map([
  [400, 'invalid_request'],
  [401, 'auth'],
  [403, 'auth'],
  [404, 'not_found'],
  [408, 'timeout'],
  [409, 'server_error'],
  [413, 'invalid_request'],
  [429, 'rate_limited'],
  [529, 'overloaded'],
]);

const KIND_BY_TYPE: Readonly<Record<string, ModelErrorKind>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limited',
  api_error: 'server_error',
  timeout_error: 'timeout',
  authentication_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_request',
};

function fromApiError(err: APIError, attempts: number): ModelError {
  const status = err.status;
  const kind: ModelErrorKind =
    (err.type ? KIND_BY_TYPE[err.type] : undefined) ??
    (status !== undefined ? (KIND_BY_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'unknown')) : 'unknown');
  const detail = err.apiMessage ?? err.message;
  const where = status === undefined ? 'in the stream' : `${status}`;
  const shouldRetry = err.headers?.get('x-should-retry');
  const retryable =
    shouldRetry === 'true'
      ? true
      : shouldRetry === 'false'
        ? false
        : status !== undefined
          ? isRetryableStatus(status)
          : RETRYABLE_KINDS.has(kind);
  const retryAfterMs = parseRetryAfter(err.headers);
  return modelError(kind, `Anthropic API error ${where} (${err.type ?? kind}): ${detail}`, attempts, {
    ...(status !== undefined ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    retryable,
  });
}

/**
 * Classifies a thrown error. `aborted` says why our own signal fired, if it did:
 * a user cancel is final, a turn timeout may be retried.
 */
export function classifyError(err: unknown, attempts: number, aborted?: 'cancelled' | 'timeout'): ModelError {
  if (aborted === 'cancelled') return modelError('cancelled', 'the turn was cancelled', attempts);
  if (aborted === 'timeout') return modelError('timeout', 'the turn took longer than its timeout', attempts);
  if (err instanceof APIUserAbortError) return modelError('cancelled', 'the turn was cancelled', attempts);
  if (err instanceof APIConnectionTimeoutError) return modelError('timeout', 'the request timed out', attempts);
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return modelError('connection', `could not reach the Anthropic API${cause}`, attempts);
  }
  if (err instanceof APIError) return fromApiError(err, attempts);
  if (err instanceof SyntaxError) {
    return modelError('protocol', `the stream sent data that is not JSON: ${err.message}`, attempts);
  }
  const message = messageOf(err);
  // undici reports a connection dropped mid-body as `TypeError: terminated` and similar.
  return modelError('stream_cut', `the response stream broke off: ${message}`, attempts);
}

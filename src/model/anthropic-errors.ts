// Turns whatever the Anthropic SDK (or the stream under it) throws into one
// `ModelError`: a kind, a redacted one-line message, and whether trying again
// may help. The SDK's own error classes are the source of truth here.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { RETRYABLE_KINDS, modelError } from './model-error.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';
import { classifyThrown, kindOfStatus, type ProviderErrors } from './thrown-errors.js';
import type { ModelError, ModelErrorKind } from './types.js';

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
    (err.type ? KIND_BY_TYPE[err.type] : undefined) ?? (status !== undefined ? kindOfStatus(status, 529) : 'unknown');
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

const ANTHROPIC_ERRORS: ProviderErrors<APIError> = {
  service: 'the Anthropic API',
  userAbort: APIUserAbortError,
  connectionTimeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
  fromApiError,
};

/** Classifies what the Anthropic SDK threw (see `classifyThrown`). */
export function classifyError(err: unknown, attempts: number, aborted?: 'cancelled' | 'timeout'): ModelError {
  return classifyThrown(ANTHROPIC_ERRORS, err, attempts, aborted);
}

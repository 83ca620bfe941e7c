// Turns whatever the OpenAI client (or the stream under it) throws into one
// `ModelError`, with the same kinds and retry rules as the Anthropic provider:
// 408/409/429/5xx and dropped connections are retried, a 4xx is not.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { modelError } from './model-error.js';
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
  [422, 'invalid_request'],
  [429, 'rate_limited'],
  [503, 'overloaded'],
]);

/** What to do about an error of each kind, naming this provider's own settings. */
export const OPENAI_FIXES: Partial<Record<ModelErrorKind, string>> = {
  auth: 'check OPENAI_API_KEY (crucible doctor tests it)',
  not_found: 'check model.defaultModel in .crucible/config.json (the model your server serves) and model.baseUrl',
};

function fromApiError(err: APIError, attempts: number): ModelError {
  const status = err.status;
  const kind: ModelErrorKind =
    status === undefined ? 'server_error' : (KIND_BY_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'unknown'));
  const body = err.error as { message?: unknown } | undefined;
  const detail = typeof body?.message === 'string' ? body.message : err.message;
  const where = status === undefined ? 'in the stream' : `${status}`;
  const retryAfterMs = parseRetryAfter(err.headers);
  return modelError(kind, `OpenAI-compatible API error ${where} (${err.type ?? err.code ?? kind}): ${detail}`, attempts, {
    ...(status !== undefined ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    // An error event inside a 200 stream is the server failing mid-answer: worth another try.
    retryable: status === undefined || isRetryableStatus(status),
    fixes: OPENAI_FIXES,
  });
}

/**
 * Classifies a thrown error. `aborted` says why our own signal fired, if it did:
 * a user cancel is final, a turn timeout may be retried.
 */
export function classifyOpenAIError(err: unknown, attempts: number, aborted?: 'cancelled' | 'timeout'): ModelError {
  if (aborted === 'cancelled') return modelError('cancelled', 'the turn was cancelled', attempts);
  if (aborted === 'timeout') return modelError('timeout', 'the turn took longer than its timeout', attempts);
  if (err instanceof APIUserAbortError) return modelError('cancelled', 'the turn was cancelled', attempts);
  if (err instanceof APIConnectionTimeoutError) return modelError('timeout', 'the request timed out', attempts);
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return modelError('connection', `could not reach the OpenAI-compatible API${cause}`, attempts, { fixes: OPENAI_FIXES });
  }
  if (err instanceof APIError) return fromApiError(err, attempts);
  if (err instanceof SyntaxError) {
    return modelError('protocol', `the stream sent data that is not JSON: ${err.message}`, attempts);
  }
  // undici reports a connection dropped mid-body as `TypeError: terminated` and similar.
  return modelError('stream_cut', `the response stream broke off: ${messageOf(err)}`, attempts);
}

// What both HTTP providers share when classifying a thrown error: the kind a
// status means, and the order in which the SDKs' own error classes (the same
// four in @anthropic-ai/sdk and openai) are told apart.
import { messageOf } from '../shared/errors.js';
import { modelError } from './model-error.js';
import type { ModelError, ModelErrorKind } from './types.js';

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
]);

/** The kind an HTTP status means; `overloaded` is the status a provider uses for "try later" (529 or 503). */
export function kindOfStatus(status: number, overloaded: number): ModelErrorKind {
  if (status === overloaded) return 'overloaded';
  return KIND_BY_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'unknown');
}

type ErrorClass<E extends Error = Error> = new (...args: never[]) => E;

export interface ProviderErrors<ApiError extends Error> {
  /** How messages name the service, e.g. "the Anthropic API". */
  service: string;
  userAbort: ErrorClass;
  connectionTimeout: ErrorClass;
  connection: ErrorClass;
  api: ErrorClass<ApiError>;
  fromApiError(err: ApiError, attempts: number): ModelError;
  fixes?: Partial<Record<ModelErrorKind, string>>;
}

/**
 * Classifies a thrown error. `aborted` says why our own signal fired, if it did:
 * a user cancel is final, a turn timeout may be retried.
 */
export function classifyThrown<ApiError extends Error>(
  provider: ProviderErrors<ApiError>,
  err: unknown,
  attempts: number,
  aborted?: 'cancelled' | 'timeout',
): ModelError {
  if (aborted === 'cancelled') return modelError('cancelled', 'the turn was cancelled', attempts);
  if (aborted === 'timeout') return modelError('timeout', 'the turn took longer than its timeout', attempts);
  if (err instanceof provider.userAbort) return modelError('cancelled', 'the turn was cancelled', attempts);
  if (err instanceof provider.connectionTimeout) return modelError('timeout', 'the request timed out', attempts);
  if (err instanceof provider.connection) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return modelError(
      'connection',
      `could not reach ${provider.service}${cause}`,
      attempts,
      provider.fixes ? { fixes: provider.fixes } : {},
    );
  }
  if (err instanceof provider.api) return provider.fromApiError(err, attempts);
  if (err instanceof SyntaxError) return modelError('protocol', `the stream sent data that is not JSON: ${err.message}`, attempts);
  // undici reports a connection dropped mid-body as `TypeError: terminated` and similar.
  return modelError('stream_cut', `the response stream broke off: ${messageOf(err)}`, attempts);
}

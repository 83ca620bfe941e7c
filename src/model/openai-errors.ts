// Turns whatever the OpenAI client (or the stream under it) throws into one
// `ModelError`, with the same kinds and retry rules as the Anthropic provider:
// 408/409/429/5xx and dropped connections are retried, a 4xx is not.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { modelError } from './model-error.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';
import { classifyThrown, kindOfStatus, type ProviderErrors } from './thrown-errors.js';
import type { ModelError, ModelErrorKind } from './types.js';

/** What to do about an error of each kind, naming this provider's own settings. */
export const OPENAI_FIXES: Partial<Record<ModelErrorKind, string>> = {
  auth: 'check OPENAI_API_KEY (crucible doctor tests it)',
  not_found: 'check model.defaultModel in .crucible/config.json (the model your server serves) and model.baseUrl',
};

function fromApiError(err: APIError, attempts: number): ModelError {
  const status = err.status;
  const kind: ModelErrorKind = status === undefined ? 'server_error' : kindOfStatus(status, 503);
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

const OPENAI_ERRORS: ProviderErrors<APIError> = {
  service: 'the OpenAI-compatible API',
  userAbort: APIUserAbortError,
  connectionTimeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
  fromApiError,
  fixes: OPENAI_FIXES,
};

/** Classifies what the OpenAI client threw (see `classifyThrown`). */
export function classifyOpenAIError(err: unknown, attempts: number, aborted?: 'cancelled' | 'timeout'): ModelError {
  return classifyThrown(OPENAI_ERRORS, err, attempts, aborted);
}

// `AnthropicModel`: the real provider, on the official SDK. Streams one turn,
// retries failed attempts (408/409/429/5xx/529, dropped connections, streams
// cut before any content) with backoff and jitter or the server's
// `retry-after`, bounds the turn with a timeout, and stops the HTTP stream when
// the caller's signal aborts. It never throws from `stream()`.
import Anthropic from '@anthropic-ai/sdk';
import { usageError } from '../shared/errors.js';
import { buildRequest, type CacheOptions } from './anthropic-request.js';
import { classifyError } from './anthropic-errors.js';
import { StreamAccumulator } from './anthropic-stream.js';
import { modelError } from './model-error.js';
import { redactSecrets, secretsFromEnv } from '../shared/redact.js';
import { DEFAULT_MODEL } from './models.js';
import { DEFAULT_RETRY_POLICY, DEFAULT_TURN_TIMEOUT_MS, retryDelay, sleep as realSleep, type RetryPolicy, type Sleep } from './retry.js';
import type { ModelClient, ModelError, ModelEvent, TurnRequest } from './types.js';

export interface AnthropicModelOptions {
  /** Model for requests that name none. */
  model?: string;
  /** Defaults to ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) from `env`. */
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL from `env`, then the public API. */
  baseURL?: string;
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  /** Bound on a whole turn, retries and waits included. */
  turnTimeoutMs?: number;
  cache?: Partial<CacheOptions>;
  /** Replaceable wait between retries (tests record delays instead of waiting). */
  sleep?: Sleep;
  /** Jitter source, [0, 1). */
  random?: () => number;
}

export { DEFAULT_TURN_TIMEOUT_MS } from './retry.js';

type AbortWhy = 'cancelled' | 'timeout';

export class AnthropicModel implements ModelClient {
  readonly provider = 'anthropic';
  readonly defaultModel: string;
  readonly baseURL: string;
  readonly #client: Anthropic;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #cache: CacheOptions;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #secrets: string[];

  constructor(options: AnthropicModelOptions = {}) {
    const env = options.env ?? process.env;
    const apiKey = options.apiKey ?? nonEmpty(env['ANTHROPIC_API_KEY']);
    const authToken = apiKey ? undefined : nonEmpty(env['ANTHROPIC_AUTH_TOKEN']);
    if (!apiKey && !authToken) {
      throw usageError(
        'model.no_api_key',
        'no Anthropic API key: ANTHROPIC_API_KEY is not set',
        'export ANTHROPIC_API_KEY=<your key> (from console.anthropic.com), or run offline with the scripted model, which needs none',
      );
    }
    this.#secrets = [...secretsFromEnv(env), apiKey ?? authToken ?? ''];
    this.defaultModel = options.model ?? DEFAULT_MODEL;
    this.baseURL = options.baseURL ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? 'https://api.anthropic.com';
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#timeoutMs = options.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
    this.#cache = { ttl: '5m', conversation: true, ...options.cache };
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#client = new Anthropic({
      ...(apiKey ? { apiKey } : { authToken: authToken ?? null }),
      baseURL: this.baseURL,
      // Retries are ours: they are visible as `retry` events and bounded by the turn timeout.
      maxRetries: 0,
      timeout: this.#timeoutMs,
    });
  }

  async *stream(request: TurnRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const model = request.model ?? this.defaultModel;
    const turn = new AbortController();
    const onCancel = (): void => turn.abort('cancelled' satisfies AbortWhy);
    request.signal?.addEventListener('abort', onCancel, { once: true });
    const timer = setTimeout(() => turn.abort('timeout' satisfies AbortWhy), this.#timeoutMs);
    timer.unref();
    try {
      if (request.signal?.aborted) onCancel();
      yield* this.#attempts(request, model, turn.signal);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCancel);
      turn.abort('cancelled' satisfies AbortWhy);
    }
  }

  async *#attempts(request: TurnRequest, model: string, signal: AbortSignal): AsyncGenerator<ModelEvent, void, undefined> {
    const params = buildRequest(request, model, this.#cache);
    for (let attempt = 1; ; attempt += 1) {
      const acc = new StreamAccumulator(model);
      let failure: ModelError | undefined;
      if (signal.aborted) {
        failure = classifyError(undefined, attempt - 1, abortWhy(signal));
      } else {
        try {
          const stream = await this.#client.messages.create(params, { signal, maxRetries: 0, timeout: this.#timeoutMs });
          for await (const raw of stream) {
            // Events already buffered when the signal fired are dropped, not delivered late.
            if (signal.aborted) break;
            yield* acc.push(raw);
          }
          // The SDK ends an aborted stream quietly; a stream without message_stop was cut.
          if (signal.aborted) failure = classifyError(undefined, attempt, abortWhy(signal));
          else if (!acc.complete) failure = modelError('stream_cut', 'the response stream ended before message_stop', attempt);
        } catch (err) {
          failure = classifyError(err, attempt, signal.aborted ? abortWhy(signal) : undefined);
        }
      }
      if (!failure) {
        yield { type: 'turn.completed', message: acc.message() };
        return;
      }
      failure = { ...failure, message: redactSecrets(failure.message, this.#secrets) };
      // Once content reached the caller the turn cannot be replayed silently: the runtime decides.
      const delayMs = acc.emittedContent || signal.aborted ? null : retryDelay(failure, attempt, this.#retry, this.#random);
      if (delayMs === null) {
        yield { type: 'turn.failed', error: failure, usage: acc.usage, partial: acc.content() };
        return;
      }
      yield { type: 'retry', attempt, delayMs, error: failure };
      try {
        await this.#sleep(delayMs, signal);
      } catch {
        yield { type: 'turn.failed', error: classifyError(undefined, attempt, abortWhy(signal)), usage: acc.usage, partial: [] };
        return;
      }
    }
  }
}

function abortWhy(signal: AbortSignal): AbortWhy {
  return signal.reason === 'timeout' ? 'timeout' : 'cancelled';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

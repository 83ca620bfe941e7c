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
import { secretsFromEnv } from '../shared/redact.js';
import { runTurn, streamAttempt, turnSettings, type TurnOptions, type TurnSettings } from './turn-attempts.js';
import { DEFAULT_MODEL } from './models.js';
import type { ModelClient, ModelEvent, TurnRequest } from './types.js';

export interface AnthropicModelOptions extends TurnOptions {
  /** Model for requests that name none. */
  model?: string;
  /** Defaults to ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) from `env`. */
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL from `env`, then the public API. */
  baseURL?: string;
  env?: NodeJS.ProcessEnv;
  cache?: Partial<CacheOptions>;
}

export { DEFAULT_TURN_TIMEOUT_MS } from './retry.js';

export class AnthropicModel implements ModelClient {
  readonly provider = 'anthropic';
  readonly defaultModel: string;
  readonly baseURL: string;
  readonly #client: Anthropic;
  readonly #cache: CacheOptions;
  readonly #turn: TurnSettings;

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
    this.#turn = turnSettings(options, [...secretsFromEnv(env), apiKey ?? authToken ?? '']);
    this.defaultModel = options.model ?? DEFAULT_MODEL;
    this.baseURL = options.baseURL ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? 'https://api.anthropic.com';
    this.#cache = { ttl: '5m', conversation: true, ...options.cache };
    this.#client = new Anthropic({
      ...(apiKey ? { apiKey } : { authToken: authToken ?? null }),
      baseURL: this.baseURL,
      // Retries are ours: they are visible as `retry` events and bounded by the turn timeout.
      maxRetries: 0,
      timeout: this.#turn.timeoutMs,
    });
  }

  async *stream(request: TurnRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const model = request.model ?? this.defaultModel;
    const params = buildRequest(request, model, this.#cache);
    yield* runTurn(request, {
      ...this.#turn,
      stopped: (attempt, why) => classifyError(undefined, attempt, why),
      fresh: () => new StreamAccumulator(model),
      attempt: (state, attempt, signal) =>
        streamAttempt(
          {
            open: (s) => this.#client.messages.create(params, { signal: s, maxRetries: 0, timeout: this.#turn.timeoutMs }),
            state,
            classify: classifyError,
            cutMessage: 'the response stream ended before message_stop',
          },
          attempt,
          signal,
        ),
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

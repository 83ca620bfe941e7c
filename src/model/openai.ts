// `OpenAIModel`: any OpenAI-compatible Chat Completions server (OpenAI, Ollama,
// llama.cpp, vLLM, LM Studio, OpenRouter) on the official `openai` client. It
// mirrors `AnthropicModel`: one streamed turn, retries of failed attempts
// (408/409/429/5xx, dropped connections, streams cut before any content) with
// backoff and jitter or the server's `retry-after`, a bound on the whole turn,
// the HTTP stream stopped when the caller's signal aborts, and never a throw
// from `stream()`. The key comes from OPENAI_API_KEY and is never stored.
import OpenAI from 'openai';
import { usageError } from '../shared/errors.js';
import { redactSecrets, secretsFromEnv } from '../shared/redact.js';
import { modelError } from './model-error.js';
import { classifyOpenAIError } from './openai-errors.js';
import { buildChatRequest, type MaxTokensField } from './openai-request.js';
import { ChatStreamAccumulator } from './openai-stream.js';
import { DEFAULT_RETRY_POLICY, DEFAULT_TURN_TIMEOUT_MS, retryDelay, sleep as realSleep, type RetryPolicy, type Sleep } from './retry.js';
import type { ModelClient, ModelError, ModelEvent, TurnRequest } from './types.js';
import { estimateTokens } from './usage.js';

export const OPENAI_API_URL = 'https://api.openai.com/v1';

/** Sent when a local server needs no key: the client will not send a request without one. */
export const NO_KEY_PLACEHOLDER = 'no-key';

export interface OpenAIModelOptions {
  /** Model for requests that name none (the configured `model.defaultModel`). */
  model: string;
  /** Defaults to OPENAI_API_KEY from `env`; a server other than OpenAI's own may need none. */
  apiKey?: string;
  /** Defaults to OPENAI_BASE_URL from `env`, then OpenAI's API. */
  baseURL?: string;
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  /** Bound on a whole turn, retries and waits included. */
  turnTimeoutMs?: number;
  /** Replaceable wait between retries (tests record delays instead of waiting). */
  sleep?: Sleep;
  /** Jitter source, [0, 1). */
  random?: () => number;
}

type AbortWhy = 'cancelled' | 'timeout';

export class OpenAIModel implements ModelClient {
  readonly provider = 'openai';
  readonly defaultModel: string;
  readonly baseURL: string;
  readonly #client: OpenAI;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #secrets: string[];
  readonly #maxTokensField: MaxTokensField;

  constructor(options: OpenAIModelOptions) {
    const env = options.env ?? process.env;
    this.baseURL = (options.baseURL ?? nonEmpty(env['OPENAI_BASE_URL']) ?? OPENAI_API_URL).replace(/\/+$/, '');
    const official = new URL(this.baseURL).hostname === 'api.openai.com';
    const apiKey = options.apiKey ?? nonEmpty(env['OPENAI_API_KEY']);
    if (!apiKey && official) {
      throw usageError(
        'model.no_api_key',
        'no OpenAI API key: OPENAI_API_KEY is not set',
        'export OPENAI_API_KEY=<your key>, or set model.baseUrl (or OPENAI_BASE_URL) to a local server such as Ollama, which needs none',
      );
    }
    this.#secrets = [...secretsFromEnv(env), apiKey ?? ''];
    this.defaultModel = options.model;
    this.#maxTokensField = official ? 'max_completion_tokens' : 'max_tokens';
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#timeoutMs = options.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#client = new OpenAI({
      apiKey: apiKey ?? NO_KEY_PLACEHOLDER,
      baseURL: this.baseURL,
      organization: nonEmpty(env['OPENAI_ORG_ID']) ?? null,
      project: nonEmpty(env['OPENAI_PROJECT_ID']) ?? null,
      // Retries are ours: they are visible as `retry` events and bounded by the turn timeout.
      maxRetries: 0,
      timeout: this.#timeoutMs,
      // The client would print unparsable chunks to the console; they arrive as a `protocol` error instead.
      logLevel: 'off',
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
    const params = buildChatRequest(request, model, this.#maxTokensField);
    const promptEstimate = estimateTokens(JSON.stringify(params.messages) + JSON.stringify(params.tools ?? []));
    for (let attempt = 1; ; attempt += 1) {
      const acc = new ChatStreamAccumulator(model, promptEstimate);
      let failure: ModelError | undefined;
      if (signal.aborted) {
        failure = classifyOpenAIError(undefined, attempt - 1, abortWhy(signal));
      } else {
        try {
          const stream = await this.#client.chat.completions.create(params, { signal, maxRetries: 0, timeout: this.#timeoutMs });
          for await (const chunk of stream) {
            // Chunks already buffered when the signal fired are dropped, not delivered late.
            if (signal.aborted) break;
            yield* acc.push(chunk);
          }
          // The client ends an aborted stream quietly; a stream that never finished its choice was cut.
          if (signal.aborted) failure = classifyOpenAIError(undefined, attempt, abortWhy(signal));
          else if (!acc.complete) failure = modelError('stream_cut', 'the response stream ended before the choice finished', attempt);
        } catch (err) {
          // A connection lost after the choice finished costs only the usage chunk: the message is whole.
          if (!acc.complete || signal.aborted) failure = classifyOpenAIError(err, attempt, signal.aborted ? abortWhy(signal) : undefined);
        }
      }
      if (!failure) {
        yield { type: 'turn.completed', message: acc.message() };
        return;
      }
      failure = { ...failure, message: redactSecrets(failure.message, this.#secrets), provider: this.provider };
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
        yield { type: 'turn.failed', error: classifyOpenAIError(undefined, attempt, abortWhy(signal)), usage: acc.usage, partial: [] };
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

// `OpenAIModel`: any OpenAI-compatible Chat Completions server (OpenAI, Ollama,
// llama.cpp, vLLM, LM Studio, OpenRouter) on the official `openai` client. It
// mirrors `AnthropicModel`: one streamed turn, retries of failed attempts
// (408/409/429/5xx, dropped connections, streams cut before any content) with
// backoff and jitter or the server's `retry-after`, a bound on the whole turn,
// the HTTP stream stopped when the caller's signal aborts, and never a throw
// from `stream()`. The key comes from OPENAI_API_KEY and is never stored.
import OpenAI from 'openai';
import { usageError } from '../shared/errors.js';
import { secretsFromEnv } from '../shared/redact.js';
import { runTurn, streamAttempt, turnSettings, type TurnOptions, type TurnSettings } from './turn-attempts.js';
import { classifyOpenAIError } from './openai-errors.js';
import { buildChatRequest, type MaxTokensField } from './openai-request.js';
import { ChatStreamAccumulator } from './openai-stream.js';
import type { ModelClient, ModelEvent, TurnRequest } from './types.js';
import { estimateTokens } from './usage.js';

export const OPENAI_API_URL = 'https://api.openai.com/v1';

/** Sent when a local server needs no key: the client will not send a request without one. */
export const NO_KEY_PLACEHOLDER = 'no-key';

export interface OpenAIModelOptions extends TurnOptions {
  /** Model for requests that name none (the configured `model.defaultModel`). */
  model: string;
  /** Defaults to OPENAI_API_KEY from `env`; a server other than OpenAI's own may need none. */
  apiKey?: string;
  /** Defaults to OPENAI_BASE_URL from `env`, then OpenAI's API. */
  baseURL?: string;
  env?: NodeJS.ProcessEnv;
}

export class OpenAIModel implements ModelClient {
  readonly provider = 'openai';
  readonly defaultModel: string;
  readonly baseURL: string;
  readonly #client: OpenAI;
  readonly #turn: TurnSettings;
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
    this.#turn = turnSettings(options, [...secretsFromEnv(env), apiKey ?? '']);
    this.defaultModel = options.model;
    this.#maxTokensField = official ? 'max_completion_tokens' : 'max_tokens';
    this.#client = new OpenAI({
      apiKey: apiKey ?? NO_KEY_PLACEHOLDER,
      baseURL: this.baseURL,
      organization: nonEmpty(env['OPENAI_ORG_ID']) ?? null,
      project: nonEmpty(env['OPENAI_PROJECT_ID']) ?? null,
      // Retries are ours: they are visible as `retry` events and bounded by the turn timeout.
      maxRetries: 0,
      timeout: this.#turn.timeoutMs,
      // The client would print unparsable chunks to the console; they arrive as a `protocol` error instead.
      logLevel: 'off',
    });
  }

  async *stream(request: TurnRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const model = request.model ?? this.defaultModel;
    const params = buildChatRequest(request, model, this.#maxTokensField);
    const promptEstimate = estimateTokens(JSON.stringify(params.messages) + JSON.stringify(params.tools ?? []));
    yield* runTurn(request, {
      ...this.#turn,
      provider: this.provider,
      stopped: (attempt, why) => classifyOpenAIError(undefined, attempt, why),
      fresh: () => new ChatStreamAccumulator(model, promptEstimate),
      attempt: (state, attempt, signal) =>
        streamAttempt(
          {
            open: (s) => this.#client.chat.completions.create(params, { signal: s, maxRetries: 0, timeout: this.#turn.timeoutMs }),
            state,
            classify: classifyOpenAIError,
            cutMessage: 'the response stream ended before the choice finished',
            wholeOnceComplete: true,
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

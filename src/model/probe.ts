// The model check of `crucible doctor`: one minimal streamed request to the
// configured model (at the configured base URL for the openai provider),
// reporting latency, tokens and cost, or what to fix. With no key it says how
// to set one, and that the offline demo needs none.
import { performance } from 'node:perf_hooks';
import { CrucibleError } from '../shared/errors.js';
import type { ModelConfig } from './config.js';
import { createModelClient } from './factory.js';
import { buildPriceTable, estimateCost } from './pricing.js';
import { redactSecrets } from '../shared/redact.js';
import { collectTurn } from './turn.js';
import type { ModelClient, ModelErrorKind, ModelEvent } from './types.js';
import { emptyUsage, type TokenUsage } from './usage.js';

export type ModelProbe =
  | {
      ok: true;
      provider: string;
      model: string;
      /** Where the request went (the openai provider's configured base URL, the Anthropic API's). */
      baseURL?: string;
      latencyMs: number;
      /** Time to the first text delta, or null if none came. */
      firstTokenMs: number | null;
      tokens: TokenUsage;
      costUsd: number | null;
      costWarning?: string;
    }
  | { ok: false; provider: string; model: string; reason: string; fix: string };

const NO_KEY_FIX: Readonly<Record<string, string>> = {
  anthropic:
    'export ANTHROPIC_API_KEY=<your key> (create one at console.anthropic.com); the offline demo uses the scripted model and needs no key',
  openai:
    'export OPENAI_API_KEY=<your key>, or point model.baseUrl at a local server (Ollama, llama.cpp) that needs none; ' +
    'the offline demo uses the scripted model and needs no key',
};

const FIX_BY_KIND: Partial<Record<ModelErrorKind, string>> = {
  auth: 'check that ANTHROPIC_API_KEY is a valid, active key',
  not_found: 'set model.defaultModel in .crucible/config.json to a model your key can use',
  connection: 'check the network, a proxy, or ANTHROPIC_BASE_URL',
  rate_limited: 'wait a minute and run doctor again, or check your plan limits',
  overloaded: 'the API is overloaded; run doctor again shortly',
  timeout: 'check the network; raise model.turnTimeoutMs if the link is slow',
};

const OPENAI_FIX_BY_KIND: Partial<Record<ModelErrorKind, string>> = {
  ...FIX_BY_KIND,
  auth: 'check that OPENAI_API_KEY is a valid key for the server at model.baseUrl',
  not_found: 'set model.defaultModel in .crucible/config.json to a model the server serves (for Ollama: `ollama list`)',
  connection: 'start the server at model.baseUrl (or OPENAI_BASE_URL), or fix the URL (Ollama: http://127.0.0.1:11434/v1)',
};

export async function probeModel(input: {
  config: ModelConfig;
  root: string;
  env?: NodeJS.ProcessEnv;
  baseURL?: string;
  signal?: AbortSignal;
}): Promise<ModelProbe> {
  const { config } = input;
  const provider = config.provider;
  const model = config.defaultModel;
  let client: ModelClient;
  try {
    client = await createModelClient(config, {
      root: input.root,
      ...(input.env ? { env: input.env } : {}),
      ...(input.baseURL ? { baseURL: input.baseURL } : {}),
    });
  } catch (err) {
    if (err instanceof CrucibleError) {
      const fix = err.code === 'model.no_api_key' ? (NO_KEY_FIX[provider] ?? err.fix ?? '') : (err.fix ?? 'see docs/model.md');
      return { ok: false, provider, model, reason: redactSecrets(err.message), fix };
    }
    throw err;
  }
  if (client.provider === 'scripted') {
    // Offline: the script loaded, nothing to reach, nothing spent.
    return { ok: true, provider, model, latencyMs: 0, firstTokenMs: null, tokens: emptyUsage(), costUsd: 0 };
  }

  const started = performance.now();
  let firstTokenMs: number | null = null;
  async function* timed(events: AsyncIterable<ModelEvent>): AsyncGenerator<ModelEvent> {
    for await (const event of events) {
      if (event.type === 'text.delta' && firstTokenMs === null) firstTokenMs = Math.round(performance.now() - started);
      yield event;
    }
  }
  const outcome = await collectTurn(
    timed(
      client.stream({
        model: client.defaultModel,
        system: { stable: '' },
        messages: [{ role: 'user', content: 'Reply with the single word: ok' }],
        maxTokens: 16,
        meta: { role: 'doctor' },
        ...(input.signal ? { signal: input.signal } : {}),
      }),
    ),
  );
  const latencyMs = Math.round(performance.now() - started);
  if (!outcome.ok) {
    const fixes = provider === 'openai' ? OPENAI_FIX_BY_KIND : FIX_BY_KIND;
    const fix = fixes[outcome.error.kind] ?? 'run doctor again; if it persists, see docs/model.md';
    return { ok: false, provider, model: client.defaultModel, reason: outcome.error.message, fix };
  }
  const baseURL = 'baseURL' in client && typeof client.baseURL === 'string' ? client.baseURL : undefined;
  const cost = estimateCost(outcome.message.model, outcome.message.usage, buildPriceTable(config.pricing));
  return {
    ok: true,
    provider: client.provider,
    model: outcome.message.model,
    ...(baseURL ? { baseURL } : {}),
    latencyMs,
    firstTokenMs,
    tokens: outcome.message.usage,
    costUsd: cost.usd,
    ...(cost.warning ? { costWarning: cost.warning } : {}),
  };
}

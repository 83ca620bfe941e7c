/**
 * Builds the configured `ModelClient` from the `model` config section. The OpenAI
 * client is imported only when the openai provider is chosen.
 */
import { isAbsolute, join } from 'node:path';
import { AnthropicModel } from './anthropic.js';
import type { ModelConfig } from './config.js';
import { ScriptedModel } from './scripted.js';
import type { ModelClient } from './types.js';

export interface ModelClientContext {
  /** The project root, against which a relative script path is resolved. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides ANTHROPIC_BASE_URL (OPENAI_BASE_URL and model.baseUrl), e.g. the loopback server of the offline `--model mock` path. */
  baseURL?: string;
  /** Overrides ANTHROPIC_API_KEY (OPENAI_API_KEY); the `--model mock` path passes any placeholder. */
  apiKey?: string;
}

export async function createModelClient(config: ModelConfig, context: ModelClientContext): Promise<ModelClient> {
  if (config.provider === 'scripted') {
    // The schema guarantees `script` for the scripted provider.
    const script = config.script ?? '';
    return ScriptedModel.fromFile(isAbsolute(script) ? script : join(context.root, script));
  }
  if (config.provider === 'openai') {
    const { OpenAIModel } = await import('./openai.js');
    const baseURL = context.baseURL ?? config.baseUrl;
    return new OpenAIModel({
      model: config.defaultModel,
      env: context.env ?? process.env,
      ...(baseURL ? { baseURL } : {}),
      ...(context.apiKey ? { apiKey: context.apiKey } : {}),
      retry: config.retries,
      turnTimeoutMs: config.turnTimeoutMs,
    });
  }
  return new AnthropicModel({
    model: config.defaultModel,
    env: context.env ?? process.env,
    ...(context.baseURL ? { baseURL: context.baseURL } : {}),
    ...(context.apiKey ? { apiKey: context.apiKey } : {}),
    retry: config.retries,
    turnTimeoutMs: config.turnTimeoutMs,
    cache: config.cache,
  });
}

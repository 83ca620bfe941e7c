/** Builds the configured `ModelClient` from the `model` config section. */
import { isAbsolute, join } from 'node:path';
import { AnthropicModel } from './anthropic.js';
import type { ModelConfig } from './config.js';
import { ScriptedModel } from './scripted.js';
import type { ModelClient } from './types.js';

export interface ModelClientContext {
  /** The project root, against which a relative script path is resolved. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides ANTHROPIC_BASE_URL, e.g. the loopback server of the offline `--model mock` path. */
  baseURL?: string;
  /** Overrides ANTHROPIC_API_KEY; the `--model mock` path passes any placeholder. */
  apiKey?: string;
}

export async function createModelClient(config: ModelConfig, context: ModelClientContext): Promise<ModelClient> {
  if (config.provider === 'scripted') {
    // The schema guarantees `script` for the scripted provider.
    const script = config.script ?? '';
    return ScriptedModel.fromFile(isAbsolute(script) ? script : join(context.root, script));
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

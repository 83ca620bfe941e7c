// The `model` section of `.crucible/config.json`, with defaults for every key.
// The API key is deliberately not a config key: it comes from ANTHROPIC_API_KEY
// (or OPENAI_API_KEY for the openai provider) only, so it can never be written
// into the workspace.
import { z } from 'zod';
import { describeConfigIssue } from '../shared/config-issue.js';
import { usageError } from '../shared/errors.js';
import { DEFAULT_MODEL } from './models.js';
import { priceInputSchema } from './pricing.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';

const positiveInt = z.number().int().positive();

export const modelConfigSchema = z
  .object({
    /**
     * `anthropic` (the real API, key from ANTHROPIC_API_KEY), `openai` (any OpenAI-compatible Chat Completions
     * server: OpenAI, Ollama, llama.cpp, vLLM, LM Studio, OpenRouter; key from OPENAI_API_KEY) or `scripted`
     * (offline, from `script`).
     */
    provider: z.enum(['anthropic', 'openai', 'scripted']).default('anthropic'),
    /** Model for agents that name none. */
    defaultModel: z.string().min(1).default(DEFAULT_MODEL),
    /** Model per agent role; wins over the agent file's front matter. */
    agents: z.record(z.string(), z.string().min(1)).default({}),
    /** Base URL of the openai provider's server, e.g. http://127.0.0.1:11434/v1 (default: OPENAI_BASE_URL, then OpenAI's API). */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Path of the script (JSON or YAML) for the scripted provider, relative to the project root. */
    script: z.string().min(1).optional(),
    /** Output token limit per turn. */
    maxTokens: positiveInt.default(8192),
    /** Bound on one turn, retries included. */
    turnTimeoutMs: positiveInt.default(300_000),
    retries: z
      .object({
        maxRetries: z.number().int().min(0).max(20).default(DEFAULT_RETRY_POLICY.maxRetries),
        baseDelayMs: z.number().int().min(0).default(DEFAULT_RETRY_POLICY.baseDelayMs),
        maxDelayMs: z.number().int().min(0).default(DEFAULT_RETRY_POLICY.maxDelayMs),
        maxRetryAfterMs: z.number().int().min(0).default(DEFAULT_RETRY_POLICY.maxRetryAfterMs),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        /** Prompt-cache lifetime: `5m` (writes cost 1.25× input) or `1h` (2×). */
        ttl: z.enum(['5m', '1h']).default('5m'),
        /** Cache the conversation so far as well as the stable prefix. */
        conversation: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** Prices per million tokens, by model id; replaces or adds to the built-in table. */
    pricing: z.record(z.string(), priceInputSchema.strict()).default({}),
    budget: z
      .object({
        /** USD limit for a run; null = none. */
        usd: z.number().positive().nullable().default(null),
        /** Token limit for a run (input, cache writes and reads, output); null = none. */
        tokens: positiveInt.nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((config) => config.provider !== 'scripted' || config.script !== undefined, {
    message: 'the scripted provider needs a script path',
    path: ['script'],
  });

export type ModelConfig = z.infer<typeof modelConfigSchema>;

/** Validates the `model` section; errors name the key, e.g. `.crucible/config.json: model.retries.maxRetries`. */
export function parseModelConfig(value: unknown = {}, source = '.crucible/config.json'): ModelConfig {
  const result = modelConfigSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw usageError(
    'config.model_invalid',
    `${source}: ${describeConfigIssue(modelConfigSchema, result.error, ['model'])}`,
    'fix the value or remove the key to use its default (see docs/model.md)',
  );
}

/** The model an agent uses: config per role, else the agent's front matter, else the default. */
export function resolveAgentModel(config: ModelConfig, role: string, frontMatterModel?: string): string {
  return config.agents[role] ?? (frontMatterModel?.trim() || undefined) ?? config.defaultModel;
}

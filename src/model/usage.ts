// Token usage of a turn and the plain-JSON payload the runtime records as a
// `model.usage` event. Cost is `null` when the model has no known price: an
// unknown cost is never reported as $0.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const tokenUsageSchema = z.object({
  /** Input tokens not read from or written to the cache. */
  inputTokens: count,
  outputTokens: count,
  /** Input tokens written to the prompt cache (all TTLs). */
  cacheCreationTokens: count,
  /** The part of `cacheCreationTokens` written with the 1-hour TTL. */
  cacheCreation1hTokens: count,
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: count,
});

export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/**
 * Payload of a `model.usage` event: one turn's tokens and cost, flat, with the
 * field names of the record's `model.usage` event (which keeps the first eight
 * keys). Token fields default to 0, so payloads read back from the record parse.
 */
export const usageSchema = z.object({
  /** The agent role that ran the turn. */
  agent: z.string().trim().min(1).max(120),
  taskId: z.string().min(1).optional(),
  model: z.string().trim().min(1).max(120),
  inputTokens: count,
  outputTokens: count,
  cacheCreationTokens: count.default(0),
  cacheReadTokens: count.default(0),
  /** USD for this turn, or null when the model's price is unknown. */
  costUsd: z.number().nonnegative().nullable(),
  cacheCreation1hTokens: count.default(0),
  /** `anthropic`, `scripted`, ... */
  provider: z.string().min(1).optional(),
  /** The provider's message id, when the turn completed. */
  messageId: z.string().min(1).optional(),
  /** Why `costUsd` is null (or any other caveat about it). */
  costWarning: z.string().optional(),
});

export type UsageRecord = z.output<typeof usageSchema>;

/** The token counts of a usage record. */
export function tokensOf(record: UsageRecord): TokenUsage {
  return {
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    cacheCreationTokens: record.cacheCreationTokens,
    cacheCreation1hTokens: record.cacheCreation1hTokens,
    cacheReadTokens: record.cacheReadTokens,
  };
}

export const emptyUsage = (): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheCreation1hTokens: 0,
  cacheReadTokens: 0,
});

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
    cacheCreation1hTokens: a.cacheCreation1hTokens + b.cacheCreation1hTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  };
}

/** Every token the model processed: input (fresh, cache writes, cache reads) plus output. */
export function totalTokens(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheCreationTokens + usage.cacheReadTokens + usage.outputTokens;
}

/** A rough token count for text: one token per four characters, at least one for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

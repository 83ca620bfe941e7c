// Prices per million tokens (USD) and cost of a turn. The defaults list only
// prices checked against Anthropic's published pricing (see docs/model.md);
// a model missing from the table has an unknown cost (null) and a warning,
// never $0. Config overrides replace or add entries.
import { z } from 'zod';
import type { TokenUsage } from './usage.js';

const perMTok = z.number().nonnegative().finite();

/** As written in config: cache prices may be left out and are then derived from `inputPerMTok`. */
export const priceInputSchema = z.object({
  inputPerMTok: perMTok,
  outputPerMTok: perMTok,
  /** Default 1.25 × input. */
  cacheWrite5mPerMTok: perMTok.optional(),
  /** Default 2 × input. */
  cacheWrite1hPerMTok: perMTok.optional(),
  /** Default 0.1 × input. */
  cacheReadPerMTok: perMTok.optional(),
});

export type PriceInput = z.infer<typeof priceInputSchema>;

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheWrite5mPerMTok: number;
  cacheWrite1hPerMTok: number;
  cacheReadPerMTok: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

const price = (
  inputPerMTok: number,
  outputPerMTok: number,
  cacheWrite5mPerMTok: number,
  cacheWrite1hPerMTok: number,
  cacheReadPerMTok: number,
): ModelPrice => ({ inputPerMTok, outputPerMTok, cacheWrite5mPerMTok, cacheWrite1hPerMTok, cacheReadPerMTok });

// Anthropic's pricing page and model pages (platform.claude.com), checked 2026-11.
const OPUS_4_5_TO_5 = price(5, 25, 6.25, 10, 0.5);
const OPUS_5_5 = price(4, 20, 5, 8, 0.2);
const SONNET_4_X = price(3, 15, 3.75, 6, 0.3);
// Sonnet 5 / 5.5 cache reads: $0.20 on the model pages; some trackers report a cut to
// $0.10 for Sonnet 5.5 from 2026-10-07. We keep the higher, published figure so a budget
// is never under-counted; override `model.pricing` if your invoice says otherwise.
const SONNET_5_X = price(2, 10, 2.5, 4, 0.2);
const HAIKU_4_5 = price(1, 5, 1.25, 2, 0.1);
const FABLE_5 = price(10, 50, 12.5, 20, 1);
const FABLE_5_1 = price(10, 50, 12.5, 20, 0.25);

/** Verified defaults. Not listed (unknown cost until configured): Haiku 5.5 (priced by prompt length), Fable/Mythos 5.2. */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'claude-opus-5-5': OPUS_5_5,
  'claude-opus-5': OPUS_4_5_TO_5,
  'claude-opus-4-8': OPUS_4_5_TO_5,
  'claude-opus-4-7': OPUS_4_5_TO_5,
  'claude-opus-4-6': OPUS_4_5_TO_5,
  'claude-opus-4-5': OPUS_4_5_TO_5,
  'claude-sonnet-5-5': SONNET_5_X,
  'claude-sonnet-5': SONNET_5_X,
  'claude-sonnet-4-6': SONNET_4_X,
  'claude-sonnet-4-5': SONNET_4_X,
  'claude-haiku-4-5': HAIKU_4_5,
  'claude-fable-5-1': FABLE_5_1,
  'claude-mythos-5-1': FABLE_5_1,
  'claude-fable-5': FABLE_5,
  'claude-mythos-5': FABLE_5,
});

export function toModelPrice(input: PriceInput): ModelPrice {
  return {
    inputPerMTok: input.inputPerMTok,
    outputPerMTok: input.outputPerMTok,
    cacheWrite5mPerMTok: input.cacheWrite5mPerMTok ?? input.inputPerMTok * 1.25,
    cacheWrite1hPerMTok: input.cacheWrite1hPerMTok ?? input.inputPerMTok * 2,
    cacheReadPerMTok: input.cacheReadPerMTok ?? input.inputPerMTok * 0.1,
  };
}

/** The defaults with config overrides applied (an override replaces the whole entry). */
export function buildPriceTable(overrides: Readonly<Record<string, PriceInput>> = {}): PriceTable {
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICES };
  for (const [model, input] of Object.entries(overrides)) table[model] = toModelPrice(input);
  return Object.freeze(table);
}

/** Finds a model's price; a dated id (`claude-haiku-4-5-20251001`) falls back to its alias. */
export function findPrice(model: string, table: PriceTable): ModelPrice | undefined {
  if (Object.hasOwn(table, model)) return table[model];
  const alias = model.replace(/-\d{8}$/, '');
  return alias !== model && Object.hasOwn(table, alias) ? table[alias] : undefined;
}

export type CostEstimate = { usd: number; warning?: undefined } | { usd: null; warning: string };

// Integer picodollars per token keep sums of token × price exact for prices with up to
// six decimals per million tokens; one division at the end gives the nearest double.
const PICO_PER_USD = 1e12;
const picoPerToken = (usdPerMTok: number): number => Math.round(usdPerMTok * 1e6);

export function costOf(usage: TokenUsage, p: ModelPrice): number {
  const write1h = Math.min(usage.cacheCreation1hTokens, usage.cacheCreationTokens);
  const write5m = usage.cacheCreationTokens - write1h;
  const pico =
    usage.inputTokens * picoPerToken(p.inputPerMTok) +
    usage.outputTokens * picoPerToken(p.outputPerMTok) +
    write5m * picoPerToken(p.cacheWrite5mPerMTok) +
    write1h * picoPerToken(p.cacheWrite1hPerMTok) +
    usage.cacheReadTokens * picoPerToken(p.cacheReadPerMTok);
  return pico / PICO_PER_USD;
}

/** Cost of a turn on `model`, or null with a warning naming the fix when its price is unknown. */
export function estimateCost(model: string, usage: TokenUsage, table: PriceTable): CostEstimate {
  const p = findPrice(model, table);
  if (!p) {
    return {
      usd: null,
      warning: `no price known for model "${model}", so its cost is unknown; add it under model.pricing in .crucible/config.json`,
    };
  }
  return { usd: costOf(usage, p) };
}

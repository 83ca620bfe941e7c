import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_PRICES, buildPriceTable, costOf, estimateCost, findPrice, toModelPrice } from '../../src/model/pricing.js';
import { DEFAULT_MODEL } from '../../src/model/models.js';
import { emptyUsage, type TokenUsage } from '../../src/model/usage.js';

const usage = (fields: Partial<TokenUsage>): TokenUsage => ({ ...emptyUsage(), ...fields });

test('cost of a known usage with cache reads and writes is exact', () => {
  // Sonnet 4.6: $3 in, $15 out, 5m writes $3.75, 1h writes $6, reads $0.30 per million tokens.
  const tokens = usage({
    inputTokens: 1_234,
    outputTokens: 567,
    cacheCreationTokens: 10_000,
    cacheCreation1hTokens: 2_000,
    cacheReadTokens: 40_000,
  });
  // 1234×3 + 567×15 + 8000×3.75 + 2000×6 + 40000×0.30 = 3702 + 8505 + 30000 + 12000 + 12000 = 66207 µ$
  assert.equal(estimateCost('claude-sonnet-4-6', tokens, DEFAULT_PRICES).usd, 0.066207);
  assert.equal(costOf(usage({ inputTokens: 3, cacheReadTokens: 7 }), toModelPrice({ inputPerMTok: 0.1, outputPerMTok: 0.2 })), 3.7e-7);
});

test("the issue's known prices are the defaults: Opus 4.5+, Sonnet 4.5/4.6, Haiku 4.5, cache multipliers", () => {
  for (const model of ['claude-opus-4-5', 'claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5']) {
    assert.deepEqual(
      findPrice(model, DEFAULT_PRICES),
      { inputPerMTok: 5, outputPerMTok: 25, cacheWrite5mPerMTok: 6.25, cacheWrite1hPerMTok: 10, cacheReadPerMTok: 0.5 },
      model,
    );
  }
  assert.equal(findPrice('claude-sonnet-4-5', DEFAULT_PRICES)?.cacheReadPerMTok, 0.3);
  assert.equal(findPrice('claude-haiku-4-5', DEFAULT_PRICES)?.cacheWrite5mPerMTok, 1.25);
  assert.equal(findPrice('claude-haiku-4-5-20251001', DEFAULT_PRICES)?.inputPerMTok, 1, 'a dated id uses its alias');
});

test('an unknown model has an unknown cost with a warning, never $0', () => {
  const cost = estimateCost('claude-haiku-5-5', usage({ inputTokens: 100 }), DEFAULT_PRICES);
  assert.equal(cost.usd, null);
  assert.match(cost.warning ?? '', /no price known for model "claude-haiku-5-5".*model\.pricing/);
  assert.equal(estimateCost('scripted', usage({}), DEFAULT_PRICES).usd, null);
});

test('config overrides add or replace prices; omitted cache prices follow the standard multipliers', () => {
  const table = buildPriceTable({
    'my-model': { inputPerMTok: 8, outputPerMTok: 40 },
    'claude-sonnet-5-5': { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.1 },
  });
  assert.deepEqual(findPrice('my-model', table), {
    inputPerMTok: 8,
    outputPerMTok: 40,
    cacheWrite5mPerMTok: 10,
    cacheWrite1hPerMTok: 16,
    cacheReadPerMTok: 0.8,
  });
  assert.equal(findPrice('claude-sonnet-5-5', table)?.cacheReadPerMTok, 0.1);
  assert.equal(findPrice('claude-sonnet-5-5', DEFAULT_PRICES)?.cacheReadPerMTok, 0.2, 'defaults untouched');
});

test('the default model has a price, is in the SDK model list and is not deprecated by the SDK', () => {
  assert.ok(findPrice(DEFAULT_MODEL, DEFAULT_PRICES));
  const require = createRequire(import.meta.url);
  const sdkRoot = dirname(require.resolve('@anthropic-ai/sdk'));
  const models = readFileSync(join(sdkRoot, 'resources/messages/messages.d.ts'), 'utf8');
  assert.match(models, new RegExp(`\\| '${DEFAULT_MODEL}'`), 'listed in the SDK Model union');
  const deprecated = readFileSync(join(sdkRoot, 'internal/data/deprecated-models.js'), 'utf8');
  assert.match(deprecated, /claude-sonnet-4-5/, 'the SDK file we read does list deprecations');
  assert.ok(!deprecated.includes(`'${DEFAULT_MODEL}'`), `${DEFAULT_MODEL} is deprecated in the installed SDK`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelConfigSchema, parseModelConfig, resolveAgentModel } from '../../src/model/config.js';
import { DEFAULT_MODEL } from '../../src/model/models.js';
import { CrucibleError } from '../../src/shared/errors.js';

test('an empty model section gets every default', () => {
  assert.deepEqual(parseModelConfig({}), {
    provider: 'anthropic',
    defaultModel: DEFAULT_MODEL,
    agents: {},
    maxTokens: 8192,
    turnTimeoutMs: 300_000,
    retries: { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
    cache: { ttl: '5m', conversation: true },
    pricing: {},
    budget: { usd: null, tokens: null },
  });
  assert.deepEqual(parseModelConfig(undefined), parseModelConfig({}));
});

test('partial sections keep the defaults of the keys they leave out', () => {
  const config = modelConfigSchema.parse({
    retries: { baseDelayMs: 5 },
    budget: { usd: 2.5 },
    pricing: { 'claude-haiku-5-5': { inputPerMTok: 0.1, outputPerMTok: 0.5, cacheReadPerMTok: 0.01 } },
    agents: { reviewer: 'claude-opus-5-5' },
  });
  assert.equal(config.retries.baseDelayMs, 5);
  assert.equal(config.retries.maxRetries, 4);
  assert.deepEqual(config.budget, { usd: 2.5, tokens: null });
  assert.equal(config.pricing['claude-haiku-5-5']?.cacheReadPerMTok, 0.01);
});

test('a bad value is a usage error naming the key, and unknown keys are refused', () => {
  assert.throws(
    () => parseModelConfig({ retries: { maxRetries: -1 } }),
    (err: unknown) =>
      err instanceof CrucibleError && err.exitCode === 2 && /\.crucible\/config\.json: model\.retries\.maxRetries:/.test(err.message),
  );
  assert.throws(() => parseModelConfig({ apiKey: 'sk-ant-123456789' }), /model\.apiKey: unknown key/);
  assert.throws(() => parseModelConfig({ provider: 'scripted' }), /model\.script: the scripted provider needs a script path/);
  assert.throws(() => parseModelConfig({ pricing: { x: { inputPerMTok: -1, outputPerMTok: 1 } } }), /model\.pricing\.x\.inputPerMTok/);
});

test('the model per agent comes from config, then front matter, then the default', () => {
  const config = parseModelConfig({ agents: { reviewer: 'claude-opus-5-5' } });
  assert.equal(resolveAgentModel(config, 'reviewer', 'claude-haiku-4-5'), 'claude-opus-5-5');
  assert.equal(resolveAgentModel(config, 'tester', 'claude-haiku-4-5'), 'claude-haiku-4-5');
  assert.equal(resolveAgentModel(config, 'tester', '  '), DEFAULT_MODEL);
  assert.equal(resolveAgentModel(config, 'tester'), DEFAULT_MODEL);
});

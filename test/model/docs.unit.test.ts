// The examples in docs/model.md are real: the script parses and the config section validates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseModelConfig } from '../../src/model/config.js';
import { parseScript } from '../../src/model/script.js';
import { DEFAULT_PRICES, buildPriceTable, estimateCost } from '../../src/model/pricing.js';
import { tokensOf, usageSchema } from '../../src/model/usage.js';

const doc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
const blocks = (lang: string): string[] => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

test('the documented script example is a valid script', () => {
  const [yaml] = blocks('yaml');
  assert.ok(yaml);
  const script = parseScript(parseYaml(yaml), 'docs/model.md');
  assert.equal(script.roles['implementer']?.[1]?.alternatives?.length, 1);
  assert.ok(script.tasks['T-3']?.['tester']);
});

test('the documented config and usage event examples validate', () => {
  const [config, usage] = blocks('json');
  assert.ok(config && usage);
  const parsed = parseModelConfig((JSON.parse(config) as { model: unknown }).model);
  assert.equal(parsed.agents['architect'], 'claude-opus-5-5');
  const event = usageSchema.parse(JSON.parse(usage));
  assert.equal(estimateCost(event.model, tokensOf(event), DEFAULT_PRICES).usd, event.costUsd, 'the example cost is right');
});

test('the documented OpenAI-compatible config validates, with a zero price for the local model', () => {
  const example = blocks('json').find((block) => block.includes('"provider": "openai"'));
  assert.ok(example);
  const parsed = parseModelConfig((JSON.parse(example) as { model: unknown }).model);
  assert.equal(parsed.provider, 'openai');
  assert.equal(parsed.baseUrl, 'http://127.0.0.1:11434/v1');
  const zero = { inputTokens: 1000, outputTokens: 1000, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 0 };
  assert.equal(estimateCost(parsed.defaultModel, zero, buildPriceTable(parsed.pricing)).usd, 0);
  assert.equal(estimateCost(parsed.defaultModel, zero, DEFAULT_PRICES).usd, null, 'without the price, unknown');
});

test("the README's offline config (a local model behind the openai provider) is a valid .crucible/config.json", async () => {
  const { configSchema } = await import('../../src/workspace/config.js');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Run real work offline'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(json);
  const config = configSchema.parse(JSON.parse(json));
  assert.equal(config.model.provider, 'openai');
  assert.equal(config.model.pricing[config.model.defaultModel]?.inputPerMTok, 0);
  assert.ok(config.guards.contextTokens < 32768, 'compaction before the 32k window the README sets');
});

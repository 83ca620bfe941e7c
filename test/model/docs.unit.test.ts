// The examples in docs/model.md are real: the script parses and the config section validates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseModelConfig } from '../../src/model/config.js';
import { parseScript } from '../../src/model/script.js';
import { DEFAULT_PRICES, estimateCost } from '../../src/model/pricing.js';
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

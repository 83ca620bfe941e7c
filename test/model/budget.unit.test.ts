import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunBudget } from '../../src/model/budget.js';
import { eventDataSchemas } from '../../src/record/events.js';
import { UsageLedger, toUsageRecord } from '../../src/model/ledger.js';
import { DEFAULT_PRICES } from '../../src/model/pricing.js';
import { emptyUsage, usageSchema, type TokenUsage, type UsageRecord } from '../../src/model/usage.js';

const tokens = (fields: Partial<TokenUsage>): TokenUsage => ({ ...emptyUsage(), ...fields });

const record = (model: string, fields: Partial<TokenUsage>, agent = 'implementer', taskId?: string): UsageRecord =>
  toUsageRecord({ agent, model, tokens: tokens(fields), prices: DEFAULT_PRICES, ...(taskId ? { taskId } : {}) });

test("a usage record is plain JSON that the usage schema and the record's model.usage event accept", () => {
  const rec = toUsageRecord({
    agent: 'implementer',
    taskId: 'T-1',
    model: 'claude-sonnet-5-5',
    tokens: tokens({ inputTokens: 100, outputTokens: 50, cacheReadTokens: 1000 }),
    prices: DEFAULT_PRICES,
    provider: 'anthropic',
    messageId: 'msg_1',
  });
  const again = usageSchema.parse(JSON.parse(JSON.stringify(rec)));
  assert.deepEqual(again, rec);
  const stored = eventDataSchemas['model.usage'].parse(JSON.parse(JSON.stringify(rec)));
  const { provider: _provider, messageId: _messageId, cacheCreation1hTokens: _oneHour, ...shared } = rec;
  assert.deepEqual(stored, shared, 'the record keeps the shared fields as they are');
  assert.deepEqual(usageSchema.parse(stored), { ...shared, cacheCreation1hTokens: 0 }, 'and its payload reads back');
  assert.equal(rec.costUsd, 0.0009); // 100×2 + 50×10 + 1000×0.2 = 900 µ$
  const unknown = record('claude-haiku-5-5', { inputTokens: 10 });
  assert.equal(unknown.costUsd, null);
  assert.ok(unknown.costWarning);
  assert.ok(usageSchema.safeParse({ ...rec, costUsd: -1 }).success === false);
});

test('the ledger totals usage per run, per role and per task without drift', () => {
  const ledger = new UsageLedger();
  for (let i = 0; i < 1000; i += 1) ledger.add(record('claude-haiku-4-5', { inputTokens: 1, outputTokens: 1 }, 'tester', `T-${i % 2}`));
  ledger.add(record('claude-opus-5-5', { outputTokens: 1000 }, 'architect'));
  const run = ledger.run();
  assert.equal(run.turns, 1001);
  assert.equal(run.knownCostUsd, 0.026); // 1000 × ($1 + $5)/1e6 + 1000 × $20/1e6
  assert.equal(run.totalTokens, 3000);
  assert.equal(ledger.byAgent()['tester']?.knownCostUsd, 0.006);
  assert.equal(ledger.byTask()['T-1']?.turns, 500);
  assert.equal(ledger.byAgent()['architect']?.tokens.outputTokens, 1000);
});

test('the budget refuses new turns once USD is reached, like a gate refusal', () => {
  const budget = new RunBudget({ usd: 0.01, tokens: null });
  const first = budget.record(record('claude-sonnet-5-5', { outputTokens: 500 }));
  assert.ok(first.ok);
  assert.equal(first.remainingUsd, 0.005);
  const second = budget.record(record('claude-sonnet-5-5', { outputTokens: 500 }));
  assert.equal(second.ok, false);
  if (second.ok) return;
  assert.equal(second.code, 'budget.usd_reached');
  assert.match(second.reason, /\$0\.0100 of its \$0\.0100 budget/);
  assert.match(second.fix, /model\.budget\.usd/);
  budget.setLimits({ usd: 0.02 });
  assert.equal(budget.check().ok, true, 'the human raised the limit');
});

test('the budget refuses new turns once tokens are reached', () => {
  const budget = new RunBudget({ usd: null, tokens: 1000 });
  budget.record(record('scripted', { inputTokens: 400, cacheReadTokens: 300, outputTokens: 300 }));
  const check = budget.check();
  assert.ok(!check.ok && check.code === 'budget.tokens_reached');
  assert.equal(check.totalTokens, 1000);
});

test('unknown cost under a USD limit asks the human instead of counting it as $0', () => {
  const budget = new RunBudget({ usd: 5, tokens: null });
  budget.record(record('claude-sonnet-5-5', { inputTokens: 10 }));
  budget.record(record('my-private-model', { inputTokens: 10 }));
  const check = budget.check();
  assert.ok(!check.ok && check.code === 'budget.cost_unknown');
  assert.match(check.ok ? '' : check.reason, /"my-private-model"/);
  budget.acceptUnknownCost();
  const after = budget.check();
  assert.ok(after.ok);
  assert.deepEqual(after.warnings, ['cost unknown for 1 turn(s) on "my-private-model"; USD spent is a lower bound']);
});

test('without limits the budget never blocks, and still warns about unknown costs', () => {
  const budget = new RunBudget({ usd: null, tokens: null });
  const check = budget.record(record('scripted', { inputTokens: 10_000_000 }));
  assert.ok(check.ok);
  assert.equal(check.remainingUsd, null);
  assert.equal(check.warnings.length, 1);
});

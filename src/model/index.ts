/** The model layer's public surface. The runtime imports from here only. */
export type {
  AssistantMessage, ContentBlock, Message, ModelClient, ModelError, ModelErrorKind, ModelEvent, RedactedThinkingBlock,
  StopReason, SystemPrompt, TextBlock, ThinkingBlock, ToolDefinition, ToolInputError, ToolResultBlock, ToolUseBlock,
  TurnMeta, TurnRequest,
} from './types.js';
export { AnthropicModel, DEFAULT_TURN_TIMEOUT_MS, type AnthropicModelOptions } from './anthropic.js';
export type { CacheOptions } from './anthropic-request.js';
export { ScriptedModel } from './scripted.js';
export { loadScript, parseScript, scriptSchema, type Script, type ScriptTurn } from './script.js';
export { DEFAULT_MODEL, SCRIPTED_MODEL, type KnownModel } from './models.js';
export { modelConfigSchema, parseModelConfig, resolveAgentModel, type ModelConfig } from './config.js';
export { createModelClient, type ModelClientContext } from './factory.js';
export {
  DEFAULT_PRICES, buildPriceTable, costOf, estimateCost, findPrice, priceInputSchema, toModelPrice,
  type CostEstimate, type ModelPrice, type PriceInput, type PriceTable,
} from './pricing.js';
export {
  addUsage, emptyUsage, estimateTokens, tokenUsageSchema, tokensOf, totalTokens, usageSchema,
  type TokenUsage, type UsageRecord,
} from './usage.js';
export { UsageLedger, toUsageRecord, type UsageTotals } from './ledger.js';
export { RunBudget, type BudgetCheck, type BudgetLimits, type BudgetRefusalCode } from './budget.js';
export {
  DEFAULT_RETRY_POLICY, backoffDelay, isRetryableStatus, parseRetryAfter, retryDelay, sleep,
  type RetryPolicy, type Sleep,
} from './retry.js';
export { redactSecrets, secretsFromEnv } from '../shared/redact.js';
export { collectTurn, runTurn, type TurnOutcome } from './turn.js';
export { probeModel, type ModelProbe } from './probe.js';
export {
  reply, startLoopbackServer, toolResultsOf, type LoopbackHandler, type LoopbackReply, type LoopbackServer, type RecordedRequest,
} from './loopback-server.js';

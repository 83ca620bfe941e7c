import { toUsageRecord } from '../model/ledger.js';
import type { RunBudget } from '../model/budget.js';
import type { PriceTable } from '../model/pricing.js';
import { emptyUsage, estimateTokens, type TokenUsage } from '../model/usage.js';
import { LoopDetector, type LoopLimits } from './loop-detector.js';
import type { ContentBlock, Message, ModelClient, ModelError, SystemPrompt, ToolResultBlock, ToolUseBlock } from '../model/types.js';
import { executeTool, formatToolResult, toolDefinitionsFor } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';

/**
 * One agent working one job (a task, a review or the plan) through model turns
 * and tool calls until the job is finished, the turn limit is reached, the
 * budget stops it, or it is cancelled. Every effect takes the AbortSignal.
 */
export type AgentActivity =
  | { type: 'text'; text: string }
  | { type: 'turn'; turn: number }
  | { type: 'tool'; name: string; input: unknown; ok: boolean; summary: string }
  | { type: 'retry'; attempt: number; error: ModelError }
  | { type: 'paused'; reason: string };

export type AgentOutcome =
  | { kind: 'finished'; turns: number }
  | { kind: 'incomplete'; turns: number; reason: string }
  | { kind: 'failed'; reason: string; retryable: boolean }
  | { kind: 'budget'; code: string; reason: string; fix: string }
  /** The model cannot be used at all (bad key, unknown model) or stayed unreachable through every retry: the run ends. */
  | { kind: 'model_failed'; error: ModelError; model: string }
  | { kind: 'cancelled' };

export interface AgentJob {
  system: SystemPrompt;
  brief: string;
  model: ModelClient;
  modelName: string;
  maxTurns: number;
  maxTokens: number;
  tools: ToolContext;
  budget: RunBudget;
  prices: PriceTable;
  /** Whether the job is done, judged from the record after each round of tool calls. */
  isFinished: () => boolean;
  /** What to tell the model when it stops talking before the job is done. */
  nudge: string;
  /** The plan job ends when the model stops calling tools. */
  quietMeansDone?: boolean;
  guards?: JobGuards;
  onActivity?: (activity: AgentActivity) => void;
  signal: AbortSignal;
}

/** Runaway guards for one job; every part optional so plain jobs (and tests) need none. */
export interface JobGuards {
  loop?: LoopLimits;
  /** Asks the human what to do (stop / continue / a hint); resolves with the answer. */
  ask?: (question: string, options: { label: string; tradeoffs: string }[]) => Promise<string>;
  /** Spend of this job's task so far, checked against the caps before each turn. */
  taskSpend?: () => { usd: number; tokens: number };
  taskCaps?: { usd: number | null; tokens: number | null };
  /** Records what a tool call means for continuing the task (files read, attempts). */
  note?: (name: string, input: unknown, ok: boolean, summary: string) => Promise<void>;
  /** Past this many estimated tokens, the conversation restarts from `freshBrief`. */
  contextTokens?: number;
  freshBrief?: () => string;
  maxResultChars?: number;
}

const LOOP_OPTIONS = [
  { label: 'stop', tradeoffs: 'end this task here; nothing more is spent on it' },
  { label: 'continue', tradeoffs: 'let it go on; the guard resets' },
];

const MAX_NUDGES = 2;
const MAX_TURN_RETRIES = 3;

export async function runAgentJob(job: AgentJob): Promise<AgentOutcome> {
  const { tools: ctx } = job;
  const definitions = toolDefinitionsFor(ctx.agent.tools);
  const messages: Message[] = [{ role: 'user', content: job.brief }];
  let nudges = 0;
  let retries = 0;
  const guards = job.guards ?? {};
  const loops = guards.loop ? new LoopDetector(guards.loop) : undefined;
  for (let turn = 1; turn <= job.maxTurns; ) {
    if (job.signal.aborted) return { kind: 'cancelled' };
    const budget = job.budget.check();
    if (!budget.ok) return { kind: 'budget', code: budget.code, reason: budget.reason, fix: budget.fix };
    const capped = overTaskCap(guards);
    if (capped) {
      job.onActivity?.({ type: 'paused', reason: capped });
      return { kind: 'incomplete', turns: turn - 1, reason: capped };
    }
    compactIfNeeded(messages, guards);
    job.onActivity?.({ type: 'turn', turn });
    const result = await oneTurn(job, messages, definitions);
    await recordUsage(job, result.usage);
    if (!result.ok) {
      if (result.error.kind === 'cancelled' || job.signal.aborted) return { kind: 'cancelled' };
      if (result.error.retryable && retries < MAX_TURN_RETRIES) {
        retries += 1;
        job.onActivity?.({ type: 'retry', attempt: retries, error: result.error });
        continue;
      }
      if (endsTheRun(result.error)) return { kind: 'model_failed', error: result.error, model: job.modelName };
      return { kind: 'failed', reason: result.error.message, retryable: false };
    }
    retries = 0;
    turn += 1;
    messages.push({ role: 'assistant', content: result.content });
    const uses = result.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    if (uses.length === 0) {
      if (job.isFinished() || job.quietMeansDone) return { kind: 'finished', turns: turn - 1 };
      if (nudges >= MAX_NUDGES) return { kind: 'incomplete', turns: turn - 1, reason: 'the agent stopped without finishing its job' };
      nudges += 1;
      messages.push({ role: 'user', content: job.nudge });
      continue;
    }
    const results: ToolResultBlock[] = [];
    let progressed = false;
    let loop: string | undefined;
    for (const use of uses) {
      const bad = result.inputErrors.get(use.id);
      loop ??= loops?.call(use.name, use.input);
      const outcome = bad ? { ok: false as const, code: 'bad-tool-json', reason: `the input of ${use.name} was not a JSON object: ${bad}`, fix: 'call the tool again with a valid JSON object' } : await executeTool(use.name, use.input, { ...ctx, signal: job.signal });
      // A call cut short by the stop is not an attempt: neither shown nor noted in the ledger the next run reads.
      if (job.signal.aborted) return { kind: 'cancelled' };
      const content = formatToolResult(outcome, guards.maxResultChars);
      const summary = content.split('\n')[0]!.slice(0, 200);
      progressed ||= outcome.ok && CHANGES.has(use.name);
      job.onActivity?.({ type: 'tool', name: use.name, input: use.input, ok: outcome.ok, summary });
      await guards.note?.(use.name, use.input, outcome.ok, summary);
      results.push({ type: 'tool_result', toolUseId: use.id, content, ...(outcome.ok ? {} : { isError: true }) });
      if (job.signal.aborted) return { kind: 'cancelled' };
    }
    messages.push({ role: 'user', content: results });
    if (job.isFinished()) return { kind: 'finished', turns: turn - 1 };
    loop ??= loops?.turn(progressed);
    if (loop && loops) {
      const verdict = await askAboutLoop(job, loop);
      if (verdict.stop) return { kind: 'incomplete', turns: turn - 1, reason: `stopped by the loop guard: ${loop}` };
      loops.reset();
      if (verdict.hint) messages.push({ role: 'user', content: `Hint from the human: ${verdict.hint}` });
    }
  }
  return job.isFinished() ? { kind: 'finished', turns: job.maxTurns } : { kind: 'incomplete', turns: job.maxTurns, reason: `reached max_turns (${job.maxTurns})` };
}

/** A rejected key or an unknown model fails every turn alike; a transient error that outlived every retry means the API is out of reach. */
function endsTheRun(error: ModelError): boolean {
  return error.kind === 'auth' || error.kind === 'not_found' || error.retryable;
}

/** Tools whose success changes files, the record or gate results: progress, for the loop guard. */
const CHANGES = new Set(['write_file', 'edit_file', 'add_requirement', 'record_decision', 'create_task', 'claim_task', 'complete_task', 'review_task', 'link_code', 'remember', 'send_message', 'ask_human', 'propose_improvement']);

function overTaskCap(guards: JobGuards): string | undefined {
  if (!guards.taskSpend || !guards.taskCaps) return undefined;
  const spent = guards.taskSpend();
  const { usd, tokens } = guards.taskCaps;
  if (usd !== null && spent.usd >= usd) return `this task has spent $${spent.usd.toFixed(4)} of its $${usd} cap (guards.taskUsd)`;
  if (tokens !== null && spent.tokens >= tokens) return `this task has used ${spent.tokens} of its ${tokens} tokens (guards.taskTokens)`;
  return undefined;
}

/** Replaces a conversation that outgrew its budget with the brief and the progress ledger. */
function compactIfNeeded(messages: Message[], guards: JobGuards): void {
  if (!guards.contextTokens || !guards.freshBrief) return;
  if (estimateTokens(JSON.stringify(messages)) <= guards.contextTokens) return;
  const last = messages.at(-1);
  const lastResults = last && last.role === 'user' && typeof last.content !== 'string' ? last.content.filter((b): b is ToolResultBlock => b.type === 'tool_result').map((b) => b.content).join('\n---\n') : '';
  messages.splice(0, messages.length, {
    role: 'user',
    content: `${guards.freshBrief()}\n\n(Your earlier conversation was trimmed to fit the context budget. The progress ledger above says what was read, tried and asked; do not repeat what failed.)${lastResults ? `\n\nThe results of your last tool calls:\n${lastResults.slice(0, 8000)}` : ''}`,
  });
}

async function askAboutLoop(job: AgentJob, reason: string): Promise<{ stop: boolean; hint?: string }> {
  job.onActivity?.({ type: 'paused', reason: `loop guard: ${reason}` });
  if (!job.guards?.ask) return { stop: true };
  const answer = await job.guards.ask(`${job.tools.agent.name} seems to be looping on ${job.tools.taskId ?? 'its job'}: ${reason}. Stop, continue, or give it a hint?`, [...LOOP_OPTIONS, { label: 'hint', tradeoffs: 'answer with your own text instead: it is given to the agent as a hint' }]);
  if (answer === 'stop') return { stop: true };
  if (answer === 'continue' || answer === 'hint') return { stop: false };
  return { stop: false, hint: answer };
}

type TurnResult =
  | { ok: true; content: ContentBlock[]; inputErrors: Map<string, string>; usage: TokenUsage }
  | { ok: false; error: ModelError; usage: TokenUsage };

async function oneTurn(job: AgentJob, messages: Message[], definitions: ReturnType<typeof toolDefinitionsFor>): Promise<TurnResult> {
  const stream = job.model.stream({
    model: job.modelName,
    system: job.system,
    messages,
    tools: definitions,
    maxTokens: job.maxTokens,
    signal: job.signal,
    meta: { role: job.tools.agent.role, ...(job.tools.taskId ? { taskId: job.tools.taskId } : {}) },
    pinnedMessages: 1,
  });
  for await (const event of stream) {
    if (event.type === 'text.delta') job.onActivity?.({ type: 'text', text: event.text });
    else if (event.type === 'retry') job.onActivity?.({ type: 'retry', attempt: event.attempt, error: event.error });
    else if (event.type === 'turn.completed') {
      const inputErrors = new Map(event.message.toolInputErrors.map((e) => [e.id, e.message]));
      return { ok: true, content: event.message.content, inputErrors, usage: event.message.usage };
    } else if (event.type === 'turn.failed') return { ok: false, error: event.error, usage: event.usage };
  }
  return { ok: false, error: { kind: 'protocol', message: 'the model stream ended without a final event', retryable: true, attempts: 1 }, usage: emptyUsage() };
}

async function recordUsage(job: AgentJob, tokens: TokenUsage): Promise<void> {
  const record = toUsageRecord({ agent: job.tools.agent.name, model: job.modelName, tokens, prices: job.prices, ...(job.tools.taskId ? { taskId: job.tools.taskId } : {}), provider: job.model.provider });
  job.budget.record(record);
  // The record's schema keeps the fields it knows and drops the model layer's extras.
  await job.tools.store.append({ type: 'model.usage', actor: job.tools.agent.name, data: record });
}

import { toUsageRecord } from '../model/ledger.js';
import type { RunBudget } from '../model/budget.js';
import type { PriceTable } from '../model/pricing.js';
import { collectTurn } from '../model/turn.js';
import { estimateTokens, type TokenUsage } from '../model/usage.js';
import type { LoopDetector, LoopLimits } from './loop-detector.js';
import type { ContentBlock, Message, ModelClient, ModelError, SystemPrompt, ToolResultBlock, ToolUseBlock } from '../model/types.js';
import { changesState, executeTool, formatToolResult, toolDefinitionsFor } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';

// One agent's job (a task, a review, the plan or an audit) and its steps: a model turn, a round of
// tool calls, the loop guard's question. The agent machine (agent.machine.ts) sequences the steps and
// decides, with named guards, when the job is finished, needs a nudge, loops or is over a cap.
export type AgentActivity =
  | { type: 'text'; text: string }
  | { type: 'turn'; turn: number }
  /** The model stopped streaming for this turn (done, cut short or failed): no more text comes until the next turn. */
  | { type: 'turn.ended'; turn: number }
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
  /** Settles the job's task for its outcome, once: the first outcome wins (a stop that cut a step short, or the machine's). */
  settle: (outcome: AgentOutcome) => Promise<void>;
  /** An external agent session (the claude-code backend) that stands in for the built-in model turn. */
  turn?: TurnRunner;
}

export type TurnRunner = (input: TurnInput) => Promise<TurnOutput>;

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

/** What a turn is given: the job, the conversation so far and the signal that stops it. A whole external agent session can stand in for the built-in turn. */
export interface TurnInput {
  job: AgentJob;
  messages: readonly Message[];
  signal: AbortSignal;
}

/** What a turn yields: the assistant's content (tool calls included) and its usage, or the model's error. */
export type TurnOutput =
  | { ok: true; content: ContentBlock[]; inputErrors: ReadonlyMap<string, string>; usage: TokenUsage }
  | { ok: false; error: ModelError; usage: TokenUsage };

/** The built-in turn: one streamed model call, its usage recorded; a stop that cut it short settles the job. */
export async function modelTurn({ job, messages, signal }: TurnInput): Promise<TurnOutput> {
  const stream = job.model.stream({
    model: job.modelName,
    system: job.system,
    messages: [...messages],
    tools: toolDefinitionsFor(job.tools.agent.tools),
    maxTokens: job.maxTokens,
    signal,
    meta: { role: job.tools.agent.role, ...(job.tools.taskId ? { taskId: job.tools.taskId } : {}) },
    pinnedMessages: 1,
  });
  const outcome = await collectTurn(stream, (event) => {
    if (event.type === 'text.delta') job.onActivity?.({ type: 'text', text: event.text });
    else if (event.type === 'retry') job.onActivity?.({ type: 'retry', attempt: event.attempt, error: event.error });
  });
  const usage = outcome.ok ? outcome.message.usage : outcome.usage;
  await recordUsage(job, usage);
  if (!outcome.ok) {
    if (turnCancelled(job, outcome.error)) await job.settle({ kind: 'cancelled' });
    return { ok: false, error: outcome.error, usage };
  }
  const inputErrors = new Map(outcome.message.toolInputErrors.map((e) => [e.id, e.message]));
  return { ok: true, content: outcome.message.content, inputErrors, usage };
}

export const turnCancelled = (job: AgentJob, error: ModelError): boolean => error.kind === 'cancelled' || job.signal.aborted;

/** A rejected key or an unknown model fails every turn alike; a transient error that outlived the client's retries means the API is out of reach. */
export function endsTheRun(error: ModelError): boolean {
  return error.kind === 'auth' || error.kind === 'not_found' || error.retryable;
}

export const toolUses = (content: readonly ContentBlock[]): ToolUseBlock[] =>
  content.filter((b): b is ToolUseBlock => b.type === 'tool_use');

export interface ToolsInput {
  job: AgentJob;
  uses: readonly ToolUseBlock[];
  inputErrors: ReadonlyMap<string, string>;
  loops: LoopDetector | undefined;
}

/** A round of tool calls: their results for the conversation, and why the loop guard thinks the agent loops (if it does). */
export type ToolsOutput = { cancelled: true } | { cancelled: false; results: ToolResultBlock[]; loop: string | undefined };

export async function toolCalls({ job, uses, inputErrors, loops }: ToolsInput): Promise<ToolsOutput> {
  const guards = job.guards ?? {};
  const results: ToolResultBlock[] = [];
  let progressed = false;
  let loop: string | undefined;
  for (const use of uses) {
    const bad = inputErrors.get(use.id);
    loop ??= loops?.call(use.name, use.input);
    const outcome = bad
      ? {
          ok: false as const,
          code: 'bad-tool-json',
          reason: `the input of ${use.name} was not a JSON object: ${bad}`,
          fix: 'call the tool again with a valid JSON object',
        }
      : await executeTool(use.name, use.input, { ...job.tools, signal: job.signal });
    // A call cut short by the stop is not an attempt: neither shown nor noted in the ledger the next run reads.
    if (job.signal.aborted) return cancel(job);
    const content = formatToolResult(outcome, guards.maxResultChars);
    const summary = content.split('\n')[0]!.slice(0, 200);
    progressed ||= outcome.ok && changesState(use.name);
    job.onActivity?.({ type: 'tool', name: use.name, input: use.input, ok: outcome.ok, summary });
    await guards.note?.(use.name, use.input, outcome.ok, summary);
    results.push({ type: 'tool_result', toolUseId: use.id, content, ...(outcome.ok ? {} : { isError: true }) });
    if (job.signal.aborted) return cancel(job);
  }
  // A finished job is not asked about loops; the detector is not consulted for it.
  if (!job.isFinished()) loop ??= loops?.turn(progressed);
  return { cancelled: false, results, loop };
}

async function cancel(job: AgentJob): Promise<ToolsOutput> {
  await job.settle({ kind: 'cancelled' });
  return { cancelled: true };
}

/** Why the job may not take another turn because of its task's spend cap, or undefined. */
export function overTaskCap(guards: JobGuards | undefined): string | undefined {
  if (!guards?.taskSpend || !guards.taskCaps) return undefined;
  const spent = guards.taskSpend();
  const { usd, tokens } = guards.taskCaps;
  if (usd !== null && spent.usd >= usd) return `this task has spent $${spent.usd.toFixed(4)} of its $${usd} cap (guards.taskUsd)`;
  if (tokens !== null && spent.tokens >= tokens) return `this task has used ${spent.tokens} of its ${tokens} tokens (guards.taskTokens)`;
  return undefined;
}

/** The conversation, or (when it outgrew its budget) a fresh one from the brief and the progress ledger. */
export function compacted(messages: readonly Message[], guards: JobGuards | undefined): Message[] {
  if (!guards?.contextTokens || !guards.freshBrief) return [...messages];
  if (estimateTokens(JSON.stringify(messages)) <= guards.contextTokens) return [...messages];
  const last = messages.at(-1);
  const lastResults =
    last && last.role === 'user' && typeof last.content !== 'string'
      ? last.content
          .filter((b): b is ToolResultBlock => b.type === 'tool_result')
          .map((b) => b.content)
          .join('\n---\n')
      : '';
  return [
    {
      role: 'user',
      content:
        `${guards.freshBrief()}\n\n(Your earlier conversation was trimmed to fit the context budget. ` +
        'The progress ledger above says what was read, tried and asked; do not repeat what failed.)' +
        (lastResults ? `\n\nThe results of your last tool calls:\n${lastResults.slice(0, 8000)}` : ''),
    },
  ];
}

export type LoopVerdict = { stop: boolean; hint?: string };

/** Asks the human whether a looping agent goes on (through the job's judgment wait). */
export async function askAboutLoop({ job, reason }: { job: AgentJob; reason: string }): Promise<LoopVerdict> {
  job.onActivity?.({ type: 'paused', reason: `loop guard: ${reason}` });
  if (!job.guards?.ask) return { stop: true };
  const answer = await job.guards.ask(
    `${job.tools.agent.name} seems to be looping on ${job.tools.taskId ?? 'its job'}: ${reason}. Stop, continue, or give it a hint?`,
    [...LOOP_OPTIONS, { label: 'hint', tradeoffs: 'answer with your own text instead: it is given to the agent as a hint' }],
  );
  return loopVerdictOf(answer);
}

/**
 * The human's answer to a loop judgment: an option's label, with the text typed after it as its note
 * (`hint: use the slug library`, recorded so by the judgment operation), or free text, itself a hint.
 */
export function loopVerdictOf(answer: string): LoopVerdict {
  const at = answer.indexOf(':');
  const label = (at === -1 ? answer : answer.slice(0, at)).trim();
  const note = at === -1 ? '' : answer.slice(at + 1).trim();
  if (label === 'stop') return { stop: true };
  if (label === 'continue' || label === 'hint') return note ? { stop: false, hint: note } : { stop: false };
  return { stop: false, hint: answer };
}

/** Records one model call's tokens for the job's agent and task (an external session names its own model and provider). */
export async function recordUsage(
  job: AgentJob,
  tokens: TokenUsage,
  by: { model: string; provider: string } = { model: job.modelName, provider: job.model.provider },
): Promise<void> {
  const record = toUsageRecord({
    agent: job.tools.agent.name,
    model: by.model,
    tokens,
    prices: job.prices,
    ...(job.tools.taskId ? { taskId: job.tools.taskId } : {}),
    provider: by.provider,
  });
  job.budget.record(record);
  // The record's schema keeps the fields it knows and drops the model layer's extras.
  await job.tools.store.append({ type: 'model.usage', actor: job.tools.agent.name, data: record });
}

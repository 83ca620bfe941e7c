// `ScriptedModel`: replays a script (see script.ts) as a stream of model events,
// with token counts estimated from text length and a simulated prompt cache.
// Each agent role (or task + role) has its own cursor, so the same requests in
// the same per-agent order replay identically, however agents interleave.
import { createHash } from 'node:crypto';
import { modelError } from './model-error.js';
import { loadScript, type Script, type ScriptAlternative, type ScriptCondition, type ScriptTurn } from './script.js';
import { parseToolInput } from './tool-input.js';
import type { ContentBlock, ModelClient, ModelEvent, StopReason, ToolInputError, ToolResultBlock, TurnRequest } from './types.js';
import { emptyUsage, estimateTokens, type TokenUsage } from './usage.js';

type TurnBody = Pick<ScriptTurn, 'text' | 'tools' | 'stop' | 'fail'>;

/** What a turn's `when` can look at: the last tool results and everything the model has been shown. */
interface TurnContext {
  results: ToolResultBlock[];
  /** Tool name per tool-use id, from the assistant turn before. */
  names: Map<string, string>;
  /** The system prompt, then every message's text and tool results, in order. */
  shown: string;
}

function shownText(request: TurnRequest): string {
  const parts = [request.system.stable, request.system.volatile ?? ''];
  for (const message of request.messages) {
    if (typeof message.content === 'string') parts.push(message.content);
    else {
      for (const block of message.content) {
        if (block.type === 'text') parts.push(block.text);
        if (block.type === 'tool_result') parts.push(block.content);
      }
    }
  }
  return parts.join('\n');
}

function turnContext(request: TurnRequest): TurnContext {
  const names = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const block of message.content) if (block.type === 'tool_use') names.set(block.id, block.name);
  }
  const last = request.messages[request.messages.length - 1];
  const results =
    last && last.role === 'user' && typeof last.content !== 'string'
      ? last.content.filter((b): b is ToolResultBlock => b.type === 'tool_result')
      : [];
  return { results, names, shown: shownText(request) };
}

const TOOL_RESULT_TESTS = ['toolResultContains', 'toolResultMatches', 'toolResultIsError', 'toolName'] as const;

/** Every test given must hold; tool-result tests must all hold for one result of the last user message. */
function matches(condition: ScriptCondition, ctx: TurnContext): boolean {
  if (condition.contextContains !== undefined && !ctx.shown.includes(condition.contextContains)) return false;
  if (condition.contextMatches !== undefined && !new RegExp(condition.contextMatches).test(ctx.shown)) return false;
  if (TOOL_RESULT_TESTS.every((key) => condition[key] === undefined)) return true;
  return ctx.results.some(
    (r) =>
      (condition.toolResultContains === undefined || r.content.includes(condition.toolResultContains)) &&
      (condition.toolResultMatches === undefined || new RegExp(condition.toolResultMatches).test(r.content)) &&
      (condition.toolResultIsError === undefined || (r.isError ?? false) === condition.toolResultIsError) &&
      (condition.toolName === undefined || ctx.names.get(r.toolUseId) === condition.toolName),
  );
}

function choose(turn: ScriptTurn, ctx: TurnContext): TurnBody {
  const alternative: ScriptAlternative | undefined = turn.alternatives?.find((alt) => matches(alt.when, ctx));
  return alternative ?? turn;
}

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const slug = (text: string): string => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

export class ScriptedModel implements ModelClient {
  readonly provider = 'scripted';
  readonly defaultModel: string;
  readonly #script: Script;
  readonly #cursors = new Map<string, number>();
  readonly #cachedPrefixes = new Map<string, Set<string>>();

  constructor(script: Script) {
    this.#script = script;
    this.defaultModel = script.model;
  }

  static async fromFile(path: string): Promise<ScriptedModel> {
    return new ScriptedModel(await loadScript(path));
  }

  /** Forgets all progress: the next turns replay the script from the start. */
  reset(): void {
    this.#cursors.clear();
    this.#cachedPrefixes.clear();
  }

  async *stream(request: TurnRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const role = request.meta?.role ?? '*';
    const taskId = request.meta?.taskId;
    const byTask = taskId === undefined ? undefined : this.#script.tasks[taskId]?.[role];
    const turns = byTask ?? this.#script.roles[role] ?? this.#script.roles['*'];
    const key = byTask ? `task-${taskId}-${role}` : `role-${role}`;
    const who = byTask ? `task "${taskId}", role "${role}"` : `role "${role}"`;
    if (!turns) {
      yield this.#failed(`no script for role "${role}"${taskId ? ` or task "${taskId}"` : ''}`, 0);
      return;
    }
    const position = this.#cursors.get(key) ?? 0;
    this.#cursors.set(key, position + 1);
    const turn = turns[position];
    if (!turn && this.#script.onExhausted === 'error') {
      yield this.#failed(`the script for ${who} has ${turns.length} turn(s); turn ${position + 1} was asked for`, 1);
      return;
    }
    yield* this.#play(request, turn ? choose(turn, turnContext(request)) : {}, `${slug(key)}_${position + 1}`, key);
  }

  async *#play(request: TurnRequest, body: TurnBody, turnId: string, key: string): AsyncGenerator<ModelEvent, void, undefined> {
    const cancelled = (): ModelEvent => ({
      type: 'turn.failed',
      error: modelError('cancelled', 'the turn was cancelled', 1),
      usage: emptyUsage(),
      partial: [],
    });
    if (request.signal?.aborted) return void (yield cancelled());
    const content: ContentBlock[] = [];
    const inputErrors: ToolInputError[] = [];
    let output = '';
    if (body.text) {
      for (const text of chunk(body.text, this.#script.chunkSize)) {
        if (request.signal?.aborted) return void (yield cancelled());
        yield { type: 'text.delta', index: 0, text };
      }
      content.push({ type: 'text', text: body.text });
      output += body.text;
    }
    const usage = (): TokenUsage => ({ ...this.#inputUsage(request, key), outputTokens: Math.max(1, estimateTokens(output)) });
    if (body.fail) {
      const error = modelError(body.fail.kind, body.fail.message ?? `scripted ${body.fail.kind} failure`, 1);
      yield { type: 'turn.failed', error, usage: usage(), partial: content };
      return;
    }
    for (const [i, call] of (body.tools ?? []).entries()) {
      if (request.signal?.aborted) return void (yield cancelled());
      const id = call.id ?? `toolu_${turnId}_${i + 1}`;
      const index = content.length;
      const raw = call.rawInput ?? JSON.stringify(call.input ?? {});
      output += raw;
      const parsed = parseToolInput(raw);
      if (parsed.ok) {
        content.push({ type: 'tool_use', id, name: call.name, input: parsed.input });
        yield { type: 'tool.use', index, id, name: call.name, input: parsed.input };
      } else {
        const error: ToolInputError = { id, name: call.name, rawInput: raw, message: parsed.message };
        content.push({ type: 'tool_use', id, name: call.name, input: {} });
        inputErrors.push(error);
        yield { type: 'tool.input_error', index, ...error };
      }
    }
    const stopReason: StopReason = body.stop ?? (body.tools?.length ? 'tool_use' : 'end_turn');
    const final = usage();
    yield { type: 'usage', usage: final };
    const message = { id: `msg_${turnId}`, role: 'assistant' as const, model: request.model ?? this.defaultModel };
    yield { type: 'turn.completed', message: { ...message, content, stopReason, usage: final, toolInputErrors: inputErrors } };
  }

  /** Input tokens, with the stable prefix (system prompt + tools) written to the cache once per agent, then read. */
  #inputUsage(request: TurnRequest, key: string): TokenUsage {
    const prefix = request.system.stable + JSON.stringify(request.tools ?? []);
    const rest = (request.system.volatile ?? '') + JSON.stringify(request.messages);
    const prefixTokens = estimateTokens(prefix);
    const seen = this.#cachedPrefixes.get(key) ?? new Set<string>();
    this.#cachedPrefixes.set(key, seen);
    const hash = createHash('sha256').update(prefix).digest('hex');
    const hit = seen.has(hash);
    seen.add(hash);
    return {
      ...emptyUsage(),
      inputTokens: estimateTokens(rest),
      cacheCreationTokens: hit ? 0 : prefixTokens,
      cacheReadTokens: hit ? prefixTokens : 0,
    };
  }

  #failed(message: string, attempts: number): ModelEvent {
    return { type: 'turn.failed', error: modelError('script', message, attempts, { retryable: false }), usage: emptyUsage(), partial: [] };
  }
}

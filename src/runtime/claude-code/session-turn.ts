// The claude-code backend: one "turn" of the agent machine is a whole headless Claude Code session
// (through the Agent SDK) in the job's tree. The agent file's prompt is appended to Claude Code's
// system prompt, the brief is the prompt, Crucible's tools are its MCP server, a hook decides every
// tool call, and the stream becomes the agent's activity and usage. A nudge (the machine's next
// turn) resumes the same session; a session recorded on the task resumes after a restart.
import { query, type HookCallback, type CanUseTool, type Options } from '@anthropic-ai/claude-agent-sdk';
import { startNetworkProxy, type NetworkProxy } from '../../tools/net-proxy.js';
import { sandboxedShellLine } from '../../tools/shell-sandbox.js';
import { messageOf } from '../../shared/errors.js';
import { redactDeep } from '../../shared/redact.js';
import type { TokenUsage } from '../../model/usage.js';
import type { Message } from '../../model/types.js';
import { recordUsage, type AgentJob, type TurnInput, type TurnOutput } from '../agent-loop.js';
import type { ClaudeExecutable } from './locate.js';
import { crucibleMcpServer } from './mcp-tools.js';
import { claudeToolsFor, decideToolUse, withoutWorkspace, type ShellWrapper } from './permissions.js';
import { realpathSync } from 'node:fs';
import { sessionError } from './session-error.js';
import { SessionStreamReader, type StreamMessage, type ToolCallSeen } from './stream.js';
import { noteToolCall } from './tool-notes.js';

export interface ClaudeCodeSettings {
  claude: ClaudeExecutable;
  /** The environment Claude Code starts with (its login lives under HOME; ANTHROPIC_* reach it from here). */
  env?: NodeJS.ProcessEnv;
}

/** An MCP call (ask_human waiting on the human) may block this long before Claude Code gives up on it. */
const MCP_TOOL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

const sessions = new WeakMap<AgentJob, string>();

const textOf = (message: Message | undefined): string =>
  message === undefined
    ? ''
    : typeof message.content === 'string'
      ? message.content
      : message.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');

const RESUMED =
  '\n\n(Crucible was interrupted and has restarted. This conversation continues where it stopped: ' +
  'check what the record already holds for your task before you repeat anything.)';

export function claudeCodeTurn(settings: ClaudeCodeSettings): (input: TurnInput) => Promise<TurnOutput> {
  return async (input) => {
    const ongoing = sessions.get(input.job);
    if (ongoing) return runSession(settings, input, { resume: ongoing, prompt: textOf(input.messages.at(-1)) });
    const recorded = input.job.tools.taskId
      ? input.job.tools.store.view.get('ledger', input.job.tools.taskId)?.sessions?.[input.job.tools.agent.name]
      : undefined;
    if (recorded) {
      const resumed = await runSession(settings, input, { resume: recorded, prompt: input.job.brief + RESUMED });
      // A session Claude Code no longer has (another machine, a cleared ~/.claude) starts over from the brief.
      if (resumed.ok || !/no conversation found|session .*not found/i.test(resumed.error.message)) return resumed;
    }
    return runSession(settings, input, { prompt: input.job.brief });
  };
}

async function runSession(
  settings: ClaudeCodeSettings,
  { job, signal }: TurnInput,
  start: { resume?: string; prompt: string },
): Promise<TurnOutput> {
  const ctx = job.tools;
  const total: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 0 };
  let recording: Promise<void> = Promise.resolve();
  const later = (step: () => Promise<unknown>) => {
    recording = recording.then(step).then(() => undefined);
  };
  const reader = new SessionStreamReader({
    session: (id) => {
      sessions.set(job, id);
      later(() =>
        ctx.store.append({
          type: 'agent.session',
          actor: ctx.agent.name,
          data: { agent: ctx.agent.name, backend: 'claude-code', sessionId: id, ...(ctx.taskId ? { taskId: ctx.taskId } : {}) },
        }),
      );
    },
    text: (text) => job.onActivity?.({ type: 'text', text }),
    toolCall: (call: ToolCallSeen) => {
      const summary = call.text.split('\n')[0]!.slice(0, 200);
      job.onActivity?.({ type: 'tool', name: call.name, input: call.input, ok: call.ok, summary });
      later(() => noteToolCall(job, call, summary));
    },
    usage: (model, tokens) => {
      for (const key of Object.keys(total) as (keyof TokenUsage)[]) total[key] += tokens[key];
      later(() => recordUsage(job, tokens, { model, provider: 'claude-code' }));
    },
  });
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let proxy: NetworkProxy | undefined;
  let stderr = '';
  try {
    if (ctx.config.commands.network.length > 0) proxy = await startNetworkProxy(ctx.config.commands.network);
    const shell: ShellWrapper = (command) =>
      sandboxedShellLine(command, { root: ctx.root, config: ctx.config, ...(proxy ? { proxySocket: proxy.socketPath } : {}) });
    const options = sessionOptions(settings, job, shell, abort, start.resume);
    options.stderr = (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    };
    for await (const message of query({ prompt: start.prompt, options })) reader.read(message as StreamMessage);
  } catch (error) {
    await recording;
    if (signal.aborted || job.signal.aborted) {
      await job.settle({ kind: 'cancelled' });
      return { ok: false, error: { kind: 'cancelled', message: 'the job was stopped', retryable: false, attempts: 1 }, usage: total };
    }
    return { ok: false, error: sessionError(`${messageOf(error)} ${stderr.trim().split('\n').at(-1) ?? ''}`), usage: total };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await proxy?.close();
  }
  await recording;
  const end = reader.end;
  if (!end) return { ok: false, error: sessionError(`the session ended without a result ${stderr.slice(-500)}`), usage: total };
  // Out of turns or budget is not a broken model: the machine sees a quiet agent and nudges or settles it.
  if (end.isError && end.subtype !== 'error_max_turns' && end.subtype !== 'error_max_budget_usd')
    return { ok: false, error: sessionError(end.text || end.subtype), usage: total };
  return {
    ok: true,
    content: [{ type: 'text', text: end.text || `(session ended: ${end.subtype})` }],
    inputErrors: new Map(),
    usage: total,
  };
}

function sessionOptions(
  settings: ClaudeCodeSettings,
  job: AgentJob,
  shell: ShellWrapper,
  abort: AbortController,
  resume?: string,
): Options {
  const ctx = job.tools;
  const decide = (name: string, input: Record<string, unknown>) => decideToolUse(ctx, name, input, shell);
  const preToolUse: HookCallback = async (hook) => {
    const budget = job.budget.check();
    if (!budget.ok) return { continue: false, stopReason: `${budget.reason} (${budget.fix})` };
    if (hook.hook_event_name !== 'PreToolUse') return {};
    const decision = await decide(hook.tool_name, (hook.tool_input ?? {}) as Record<string, unknown>);
    return {
      hookSpecificOutput: decision.allow
        ? {
            hookEventName: 'PreToolUse',
            permissionDecision: 'allow',
            ...(decision.updatedInput ? { updatedInput: decision.updatedInput } : {}),
          }
        : { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: decision.message },
    };
  };
  const roots = [...new Set([ctx.root, realpathSync(ctx.root)])];
  // Claude Code's own tools hand their output to the model directly: a secret a file or a command shows is masked first, as executeTool masks Crucible's.
  const postToolUse: HookCallback = async (hook) => {
    if (hook.hook_event_name !== 'PostToolUse') return {};
    const found = hook.tool_name === 'Glob' || hook.tool_name === 'Grep' ? withoutWorkspace(hook.tool_response, roots) : hook.tool_response;
    const masked = redactDeep(found);
    return JSON.stringify(masked) === JSON.stringify(hook.tool_response)
      ? {}
      : { hookSpecificOutput: { hookEventName: 'PostToolUse', updatedToolOutput: masked } };
  };
  // Anything that still asks (no hook decision) gets the same answer.
  const canUseTool: CanUseTool = async (name, input) => {
    const decision = await decide(name, input);
    return decision.allow
      ? { behavior: 'allow', updatedInput: decision.updatedInput ?? input }
      : { behavior: 'deny', message: decision.message };
  };
  const remainingUsd = (() => {
    const check = job.budget.check();
    return check.ok ? check.remainingUsd : 0;
  })();
  return {
    cwd: ctx.root,
    pathToClaudeCodeExecutable: settings.claude.path,
    env: {
      ...Object.fromEntries(Object.entries(settings.env ?? process.env).filter((e): e is [string, string] => e[1] !== undefined)),
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      MCP_TOOL_TIMEOUT: String(MCP_TOOL_TIMEOUT_MS),
    },
    systemPrompt: { type: 'preset', preset: 'claude_code', append: [job.system.stable, job.system.volatile].filter(Boolean).join('\n\n') },
    tools: claudeToolsFor(ctx.agent.tools),
    mcpServers: { crucible: crucibleMcpServer(ctx, job.guards?.maxResultChars) },
    settingSources: [],
    permissionMode: 'default',
    maxTurns: job.maxTurns,
    model: job.modelName,
    includePartialMessages: true,
    hooks: { PreToolUse: [{ hooks: [preToolUse] }], PostToolUse: [{ hooks: [postToolUse] }] },
    canUseTool,
    abortController: abort,
    ...(remainingUsd !== null && remainingUsd > 0 ? { maxBudgetUsd: remainingUsd } : {}),
    ...(resume ? { resume } : {}),
  };
}

// Which backend runs each agent: the built-in loop, or a Claude Code session (agents.backend and
// agents.backends.<role> in the config, or `--backend` for the whole run). Checked before a run
// starts, so a missing Claude Code is one clear line, not a failed job per task.
import type { AgentDefinition } from '../runtime/agent-definitions.js';
import { locateClaude } from '../runtime/claude-code/locate.js';
import { claudeCodeTurn } from '../runtime/claude-code/session-turn.js';
import type { RunOptions } from '../runtime/runtime.js';
import { failure } from '../shared/errors.js';
import { backendFor, type AgentBackend } from '../workspace/agents-config.js';
import type { Workspace } from '../workspace/open.js';
import type { ModelClient } from '../model/types.js';

export { AGENT_BACKENDS, type AgentBackend } from '../workspace/agents-config.js';

/** Whether every agent runs as a Claude Code session: then the run needs no API key (Claude Code has its own login). */
export function onlyClaudeCode(ws: Workspace, agents: Iterable<AgentDefinition>, override?: AgentBackend): boolean {
  return [...agents].every((agent) => backendFor(ws.config.agents, agent.role, override) === 'claude-code');
}

/**
 * The model client of a run whose agents are all Claude Code sessions: nothing calls it, and if
 * something did, it would say why there is no key rather than fail somewhere else.
 */
export function keylessModel(defaultModel: string): ModelClient {
  const error = {
    kind: 'auth' as const,
    message: 'this agent runs on the builtin backend, which needs ANTHROPIC_API_KEY (the others run as Claude Code sessions)',
    retryable: false,
    attempts: 0,
  };
  const usage = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 0 };
  return {
    provider: 'claude-code',
    defaultModel,
    async *stream() {
      yield { type: 'turn.failed', error, usage, partial: [] };
    },
  };
}

/** The turn for agents on the claude-code backend, or undefined when every agent runs the built-in loop. */
export function backendTurns(
  ws: Workspace,
  agents: Iterable<AgentDefinition>,
  override?: AgentBackend,
  env: NodeJS.ProcessEnv = process.env,
): RunOptions['turnFor'] {
  const onClaudeCode = (agent: AgentDefinition) => backendFor(ws.config.agents, agent.role, override) === 'claude-code';
  if (![...agents].some(onClaudeCode)) return undefined;
  const located = locateClaude(env);
  if (!located.ok) throw failure('no-claude-code', located.reason, located.fix);
  const turn = claudeCodeTurn({ claude: located.claude, env });
  return (agent) => (onClaudeCode(agent) ? turn : undefined);
}

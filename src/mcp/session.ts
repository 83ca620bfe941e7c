import { z } from 'zod';
import { actorSchema } from '../record/events.js';
import type { AgentDefinition } from '../runtime/agent-definitions.js';
import type { WorkspaceServices } from '../app/services.js';
import type { ToolContext } from '../tools/types.js';

const SESSION_ACTOR_PREFIX = 'mcp:';

/**
 * An outside session (an MCP client such as Claude Code) working on the record:
 * who it is (the actor on every event it appends) and which role it works as
 * (which tasks it may claim, which gate commands apply).
 */
export const sessionSchema = z
  .object({
    // Always `mcp:<client name>` (see sessionActor): a session is never "human" nor one of the run's own agents.
    actor: actorSchema.refine((a) => a.startsWith(SESSION_ACTOR_PREFIX), `an MCP session acts as ${SESSION_ACTOR_PREFIX}<client name>`),
    role: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role: lowercase letters, digits and -'),
  })
  .strict();

export type McpSession = z.infer<typeof sessionSchema>;

export const DEFAULT_ROLE = 'implementer';

/** The agent tools a session may call: the record's gated steps (it edits files with its own tools). */
export const SESSION_AGENT_TOOLS = [
  'claim_task',
  'complete_task',
  'review_task',
  'add_requirement',
  'record_decision',
  'link_code',
  'search_docs',
  'remember',
  'recall',
  'ask_human',
  'create_task',
  'update_task',
] as const;

/** Planning tools: only a session working as the planner may call them. */
export const PLANNER_ONLY: readonly string[] = ['create_task', 'update_task'];

/** The agent tools a session of `role` may call. */
export const sessionToolsFor = (role: string): readonly string[] =>
  role === 'planner' ? SESSION_AGENT_TOOLS : SESSION_AGENT_TOOLS.filter((t) => !PLANNER_ONLY.includes(t));

/** `mcp:<client name>`, made safe for the record's actor pattern. */
export function sessionActor(clientName: string | undefined): string {
  const safe = (clientName ?? '')
    .replace(/[^\w.:@/-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return `${SESSION_ACTOR_PREFIX}${safe || 'client'}`;
}

export async function roleAgent(s: WorkspaceServices, role: string): Promise<AgentDefinition | undefined> {
  return [...(await s.agents()).values()].find((a) => a.role === role);
}

/** The task the session holds, when it holds exactly one: the default for complete_task and link_code. */
export function currentTaskOf(s: WorkspaceServices, actor: string): string | undefined {
  const held = [...s.ws.store.view.rows('tasks')].filter(
    (t) => t.assignee === actor && (t.status === 'claimed' || t.status === 'in_progress'),
  );
  return held.length === 1 ? held[0]!.id : undefined;
}

/** The same ToolContext the runtime gives an agent, with the coordinator's gate runner. */
export async function sessionToolContext(s: WorkspaceServices, session: McpSession, signal?: AbortSignal): Promise<ToolContext> {
  const agent = await roleAgent(s, session.role);
  const taskId = currentTaskOf(s, session.actor);
  const { ws } = s;
  const searchDocs = s.searchDocs();
  return {
    root: ws.paths.root,
    store: ws.store,
    config: ws.config,
    agent: {
      name: session.actor,
      role: session.role,
      tools: sessionToolsFor(session.role),
      writePaths: agent?.writePaths ?? [],
      ...(agent?.gateCommands ? { gateCommands: agent.gateCommands } : {}),
    },
    roles: [...new Set([...(await s.agents()).values()].map((a) => a.role))],
    ...(taskId ? { taskId } : {}),
    ...(signal ? { signal } : {}),
    runGate: s.runGate,
    ...(searchDocs ? { searchDocs } : {}),
  };
}

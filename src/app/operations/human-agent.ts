// The human working a task through the agents' own tools: the same ToolContext
// an agent (or an MCP session) gets, acting as the task's role under the human's
// actor, with the coordinator's gate runner. So a human's claim and completion
// meet exactly the gates an agent's do: no cheaper path to a green gate.
import { notFound, refusedError } from '../../shared/errors.js';
import type { Task } from '../../record/tables.js';
import type { ToolContext, ToolResult } from '../../tools/types.js';
import type { WorkspaceServices } from '../services.js';

/** The tools a human works a task with: the record's gated steps. */
const HUMAN_TOOLS = ['claim_task', 'complete_task', 'link_code'] as const;

export async function humanToolContext(s: WorkspaceServices, actor: string, task: Task, signal?: AbortSignal): Promise<ToolContext> {
  const agents = [...(await s.agents()).values()];
  const agent = agents.find((a) => a.role === task.role);
  return {
    root: s.ws.paths.root,
    store: s.ws.store,
    config: s.ws.config,
    agent: {
      name: actor,
      role: task.role,
      tools: HUMAN_TOOLS,
      writePaths: agent?.writePaths ?? [],
      ...(agent?.gateCommands ? { gateCommands: agent.gateCommands } : {}),
    },
    roles: [...new Set(agents.map((a) => a.role))],
    taskId: task.id,
    ...(signal ? { signal } : {}),
    runGate: s.runGate,
  };
}

/** The task, or a not-found error naming where to look. */
export function taskOrThrow(s: WorkspaceServices, id: string): Task {
  const task = s.ws.store.view.get('tasks', id);
  if (!task) throw notFound('unknown-id', `task ${id} does not exist`, 'list tasks with `crucible task list`');
  return task;
}

/** A tool's result as the operation's: its text, or its refusal thrown as one (exit 5; an unknown id 4). */
export function resultOrThrow(result: ToolResult): string {
  if (result.ok) return result.content;
  if (result.code === 'unknown-id') throw notFound(result.code, result.reason, result.fix);
  throw refusedError(result.code, result.reason, result.fix);
}

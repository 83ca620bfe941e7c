// The tools an MCP session sees. The record's gated steps are the agents' own
// tools (src/tools), run through `executeTool` with the same ToolContext the
// runtime builds, so an outside session meets exactly the gates an inside agent
// does. A few read-only views of the record are added for a session that has no
// brief handed to it.
import { z } from 'zod';
import { TASK_STATUSES } from '../record/events.js';
import { anyEntityId, kindOfId, taskId } from '../record/ids.js';
import { compareIds, impactOf, trace } from '../record/queries.js';
import { entityExists } from '../record/reduce/common.js';
import { Tx } from '../record/tx.js';
import { schedule } from '../runtime/scheduler.js';
import { traceLocation } from '../app/trace-location.js';
import type { WorkspaceServices } from '../app/services.js';
import { projectStatus, statusText } from '../app/status.js';
import { CrucibleError, formatIssuePath, messageOf } from '../shared/errors.js';
import { bound } from '../tools/bounded.js';
import { ALL_TOOLS, executeTool } from '../tools/registry.js';
import { ok, refusal, type ToolResult } from '../tools/types.js';
import { taskDetail, taskLine, traceText } from '../record/render.js';
import { PLANNER_ONLY, SESSION_AGENT_TOOLS, sessionToolContext, type McpSession } from './session.js';

export interface SessionTool {
  name: string;
  description: string;
  schema: z.ZodType;
  readOnly: boolean;
  run(s: WorkspaceServices, session: McpSession, input: unknown, signal?: AbortSignal): Promise<ToolResult>;
}

/** A read-only view of the record; its input is parsed with its own schema before `run` sees it. */
function readTool<S extends z.ZodType>(def: {
  name: string;
  description: string;
  schema: S;
  run(s: WorkspaceServices, session: McpSession, input: z.output<S>): Promise<ToolResult> | ToolResult;
}): SessionTool {
  return {
    name: def.name,
    description: def.description,
    schema: def.schema,
    readOnly: true,
    run: async (s, session, input) => def.run(s, session, def.schema.parse(input)),
  };
}

const PAGE_LIMIT = 200;

const agentTools: SessionTool[] = SESSION_AGENT_TOOLS.map((name) => {
  const tool = ALL_TOOLS.find((t) => t.name === name);
  if (!tool) throw new Error(`the agent tool ${name} is missing from the registry`);
  return {
    name,
    description: PLANNER_ONLY.includes(name)
      ? `${tool.description} Only a session working as the planner (--role planner) may call it.`
      : tool.description,
    schema: tool.schema,
    readOnly: tool.kind === 'read',
    run: async (s, session, input, signal) => executeTool(name, input, await sessionToolContext(s, session, signal)),
  };
});

const listTasksSchema = z
  .object({
    status: z.enum(TASK_STATUSES).optional(),
    role: z.string().max(60).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(PAGE_LIMIT).default(50),
  })
  .strict();

const readTools: SessionTool[] = [
  readTool({
    name: 'list_tasks',
    description: "List the record's tasks (id, status, role, title, deps, assignee), optionally by status or role, a page at a time.",
    schema: listTasksSchema,
    run(s, _session, q) {
      const rows = [...s.ws.store.view.rows('tasks')]
        .filter((t) => (!q.status || t.status === q.status) && (!q.role || t.role === q.role))
        .sort((a, b) => compareIds(a.id, b.id));
      const page = rows.slice(q.offset, q.offset + q.limit);
      const more =
        q.offset + page.length < rows.length
          ? `\n(showing ${q.offset + 1}-${q.offset + page.length} of ${rows.length}; next page: offset ${q.offset + page.length})`
          : '';
      return ok(
        page.length
          ? `${page.map(taskLine).join('\n')}${more}`
          : rows.length
            ? `(no tasks at offset ${q.offset}; there are ${rows.length})`
            : '(no tasks)',
        { total: rows.length, ids: page.map((t) => t.id) },
      );
    },
  }),
  readTool({
    name: 'show_task',
    description: 'One task in full: description, acceptance criteria, evidence, history and what it is linked to.',
    schema: z.object({ task_id: taskId }).strict(),
    run(s, _session, { task_id }) {
      const view = s.ws.store.view;
      const task = view.get('tasks', task_id);
      if (!task) return refusal('unknown-id', `task ${task_id} does not exist`, 'list tasks with list_tasks');
      return ok(`${taskDetail(task)}\n${traceText(trace(view, task_id))}`);
    },
  }),
  readTool({
    name: 'next_task',
    description: "The next task your role may claim now (the coordinator's own scheduling policy and claim gate), or why there is none.",
    schema: z
      .object({
        role: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,39}$/)
          .optional(),
      })
      .strict(),
    run(s, session, input) {
      const role = input.role ?? session.role;
      const view = s.ws.store.view;
      const [next] = schedule(view, [{ name: session.actor, role, busy: false }], 1);
      if (!next) {
        const open = [...view.rows('tasks')].filter((t) => t.role === role && t.status !== 'done' && t.status !== 'cancelled');
        return ok(
          `no ${role} task can be claimed now${open.length ? `; open ${role} tasks: ${open.map((t) => `${t.id} (${t.status})`).join(', ')}` : ''}`,
        );
      }
      const task = view.get('tasks', next.taskId)!;
      const step =
        next.kind === 'review'
          ? `review it with review_task {"task_id":"${task.id}"}`
          : `claim it with claim_task {"task_id":"${task.id}"}`;
      return ok(`${taskDetail(task)}\n\nNext: ${step}. Its brief with the context pack: resource crucible://tasks/${task.id}/brief`, {
        taskId: task.id,
        kind: next.kind,
      });
    },
  }),
  readTool({
    name: 'list_judgments',
    description: 'Judgment calls asked of the human, pending first, with their answers once given.',
    schema: z.object({ all: z.boolean().default(false) }).strict(),
    run(s, _session, { all }) {
      const rows = [...s.ws.store.view.rows('judgments')].filter((j) => all || j.status === 'pending');
      return ok(
        rows.map((j) => `${j.id} [${j.status}] ${j.question}${j.answer ? ` -> ${j.answer} (${j.decisionId ?? ''})` : ''}`).join('\n') ||
          '(no judgments)',
      );
    },
  }),
  readTool({
    name: 'trace',
    description:
      'What an id (R-1, D-2, T-3, ...) or a code location (path:start-end) is linked to, both ways; for a requirement also its impact set.',
    schema: z.object({ id: z.string().min(1).max(1000) }).strict(),
    run(s, _session, { id }) {
      const view = s.ws.store.view;
      const isEntity = anyEntityId.safeParse(id).success;
      if (isEntity && !entityExists(new Tx(view), id))
        return refusal(
          'unknown-id',
          `${id} does not exist in the record`,
          'list ids with list_tasks or the crucible://requirements resource',
        );
      const traced = isEntity ? trace(view, id) : traceLocation(view, id);
      if (!isEntity && traced.incoming.length === 0 && traced.outgoing.length === 0)
        return refusal('unknown-location', `nothing in the record is linked to ${id}`, 'link it with link_code');
      const text = traceText(traced);
      if (kindOfId(id) !== 'requirement') return ok(text);
      const i = impactOf(view, id);
      return ok(
        `${text}\nimpact if ${id} changes: tasks ${i.tasks.join(', ') || '-'}; decisions ${i.decisions.join(', ') || '-'}; ` +
          `code ${i.code.join(', ') || '-'}; tests ${i.tests.join(', ') || '-'}`,
      );
    },
  }),
  readTool({
    name: 'project_status',
    description: 'The project at a glance: tasks by status, record counts, pending judgments, critical path, tokens and cost.',
    schema: z.object({}).strict(),
    run(s) {
      const status = projectStatus(s.ws);
      return ok(statusText(status), status);
    },
  }),
];

export const SESSION_TOOLS: readonly SessionTool[] = [...readTools, ...agentTools];

const byName = new Map(SESSION_TOOLS.map((t) => [t.name, t]));

export type ToolCallOutcome = { kind: 'invalid'; message: string } | { kind: 'result'; result: ToolResult };

/** A call the protocol should reject (unknown tool, input not matching the schema), or undefined if it is well-formed. */
export function checkToolCall(name: string, input: unknown): string | undefined {
  const tool = byName.get(name);
  if (!tool) return `there is no tool named ${name}; list them with tools/list`;
  const parsed = tool.schema.safeParse(input ?? {});
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${name}: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid input'}`;
}

/** Runs one session tool. Never throws: a malformed call is `invalid`, anything else a result or a refusal. */
export async function runSessionTool(
  s: WorkspaceServices,
  session: McpSession,
  name: string,
  input: unknown,
  signal?: AbortSignal,
): Promise<ToolCallOutcome> {
  const invalid = checkToolCall(name, input);
  if (invalid) return { kind: 'invalid', message: invalid };
  try {
    const result = await byName.get(name)!.run(s, session, input ?? {}, signal);
    return { kind: 'result', result: result.ok ? { ...result, content: bound(result.content) } : result };
  } catch (error) {
    if (error instanceof CrucibleError)
      return { kind: 'result', result: refusal(error.code, error.message, error.fix ?? 'try a different approach') };
    return { kind: 'result', result: refusal('tool-error', `${name} failed: ${messageOf(error)}`, 'try again, or ask the human') };
  }
}

import { z } from 'zod';
import { actorSchema, TASK_STATUSES, type RecordEvent } from '../record/events.js';
import { judgmentId } from '../record/ids.js';
import { compareIds } from '../record/queries.js';
import type { Judgment, Task } from '../record/tables.js';
import { parseEvent } from '../record/validate.js';
import { usageError } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';
import { readResource, listResources, resourceOutcomeSchema, resourcePageSchema } from '../mcp/resources.js';
import { sessionSchema } from '../mcp/session.js';
import { runSessionTool } from '../mcp/tools.js';
import { PROTOCOL_VERSION } from './protocol.js';
import type { WorkspaceServices } from '../app/services.js';
import { projectStatus, projectStatusSchema } from './status.js';

/**
 * What may be done to a held workspace from another process. Each operation
 * is defined once, with zod schemas for its params and its result, and runs
 * the same way whether the caller opened the record itself or reached the
 * holder over the socket (src/cli/context.ts decides which).
 */
export interface OperationEnv {
  ws: Workspace;
  services: WorkspaceServices;
  signal: AbortSignal;
  /**
   * Who a human operation is recorded as: the actor of the process that opened
   * the record (the holder, when served over the socket). Never taken from the
   * caller's params, so a socket client cannot claim to be "human".
   */
  actor: string;
}

/**
 * Who an operation acts for. `human`: recorded as the holder's actor, and
 * refused on a connection that works for an agent session. `session`: an MCP
 * session's agent tools, recorded as that session (`mcp:<client>`). Unset: reads.
 */
export type Audience = 'human' | 'session';

export interface CallOperation<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  kind: 'call';
  method: string;
  audience?: Audience;
  params: P;
  result: R;
  run(env: OperationEnv, params: z.output<P>): Promise<z.output<R>> | z.output<R>;
}

/** Sends items until it returns (or the caller goes away), then a final response. */
export interface StreamOperation<P extends z.ZodType = z.ZodType, I extends z.ZodType = z.ZodType> {
  kind: 'stream';
  method: string;
  audience?: Audience;
  params: P;
  item: I;
  stream(env: OperationEnv, params: z.output<P>, emit: (item: z.output<I>) => Promise<void>): Promise<void>;
}

export type Operation = CallOperation | StreamOperation;

const call = <P extends z.ZodType, R extends z.ZodType>(op: Omit<CallOperation<P, R>, 'kind'>): CallOperation<P, R> => ({ kind: 'call', ...op });

/** Validates a row's shape at the boundary and types it as the record's own row type. */
const taskRow = z.custom<Task>((v) => z.looseObject({ id: z.string(), title: z.string(), role: z.string(), status: z.enum(TASK_STATUSES), deps: z.array(z.string()) }).safeParse(v).success, 'not a task row');
const judgmentRow = z.custom<Judgment>(
  (v) => z.looseObject({ id: z.string(), question: z.string(), status: z.enum(['pending', 'answered']), options: z.array(z.looseObject({ label: z.string() })), askedBy: z.string() }).safeParse(v).success,
  'not a judgment row',
);
const recordEvent = z.unknown().transform((raw, ctx): RecordEvent => {
  try {
    return parseEvent(raw, 'event from the running session');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not an event' });
    return z.NEVER;
  }
});

/** The server answers `hello` itself, first thing on each connection: who holds the record. */
export const helloResultSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), pid: z.number().int(), name: z.string(), root: z.string(), actor: z.string().max(120) }).strict();
export type Hello = z.infer<typeof helloResultSchema>;

export const statusOp = call({
  method: 'status',
  params: z.object({}).strict(),
  result: projectStatusSchema,
  run: ({ ws }) => projectStatus(ws),
});

export const listTasksOp = call({
  method: 'tasks.list',
  params: z.object({ status: z.enum(TASK_STATUSES).optional(), role: z.string().max(60).optional() }).strict(),
  result: z.array(taskRow),
  run: ({ ws }, { status, role }) => [...ws.store.view.rows('tasks')].filter((t) => (!status || t.status === status) && (!role || t.role === role)).sort((a, b) => compareIds(a.id, b.id)),
});

export const listJudgmentsOp = call({
  method: 'judgments.list',
  params: z.object({ all: z.boolean().default(false) }).strict(),
  result: z.array(judgmentRow),
  run: ({ ws }, { all }) => [...ws.store.view.rows('judgments')].filter((j) => all || j.status === 'pending'),
});

export const answerJudgmentOp = call({
  method: 'judgments.answer',
  audience: 'human',
  // No `actor` here: the answer is recorded as the actor of whoever opened the record.
  params: z.object({ id: judgmentId, answer: z.string().min(1).max(4000) }).strict(),
  result: z.object({ id: z.string(), answer: z.string(), decisionId: z.string(), actor: actorSchema }).strict(),
  async run({ ws, actor }, { id, answer }) {
    const j = ws.store.view.get('judgments', id);
    if (!j) throw usageError('unknown-id', `judgment ${id} does not exist`, 'see `crucible judgments list`');
    const byNumber = /^\d+$/.test(answer) ? j.options[Number(answer) - 1]?.label : undefined;
    if (/^\d+$/.test(answer) && !byNumber) throw usageError('bad-option', `${id} has ${j.options.length} options; ${answer} is not one`, `answer 1-${j.options.length}, a label, or free text`);
    const event = await ws.store.append({ type: 'judgment.answered', actor, data: { id, answer: byNumber ?? answer } });
    return { id, answer: event.data.answer, decisionId: event.data.decisionId, actor: event.actor };
  },
});

/** The most events one `log.read` returns; callers page with `since`. */
export const LOG_PAGE = 1000;

export const readLogOp = call({
  method: 'log.read',
  params: z.object({ since: z.number().int().min(0), limit: z.number().int().min(1).max(LOG_PAGE).default(LOG_PAGE) }).strict(),
  result: z.object({ events: z.array(recordEvent), head: z.number().int().min(0) }).strict(),
  async run({ ws }, { since, limit }) {
    const events: RecordEvent[] = [];
    for await (const event of ws.store.read({ since, limit })) events.push(event);
    return { events, head: ws.store.head() };
  },
});

/**
 * Every event after `since`, then each new one as it is appended. The bus only
 * wakes the sender (a bounded live subscription, so a slow reader never holds
 * up the writer); the events themselves are read from the log, so a reader
 * that falls behind still gets every one, in order, without gaps.
 */
export const followLogOp: StreamOperation<z.ZodObject<{ since: z.ZodNumber }>, typeof recordEvent> = {
  kind: 'stream',
  method: 'log.follow',
  params: z.object({ since: z.number().int().min(0) }).strict(),
  item: recordEvent,
  async stream({ ws, signal }, { since }, emit) {
    let last = since;
    let wake: (() => void) | undefined;
    let dirty = true;
    const nudge = () => {
      dirty = true;
      wake?.();
    };
    const subscription = ws.bus.subscribe(nudge, { maxBuffer: 16 });
    signal.addEventListener('abort', nudge, { once: true });
    try {
      while (!signal.aborted) {
        if (!dirty && ws.store.head() <= last) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        dirty = false;
        for await (const event of ws.store.read({ since: last, limit: LOG_PAGE })) {
          if (signal.aborted) break;
          await emit(event);
          last = event.seq;
        }
      }
    } finally {
      subscription.close();
      signal.removeEventListener('abort', nudge);
    }
  },
};

/** An MCP session's tool call, run by whoever holds the record (the session names its actor and role). */
export const mcpToolOp = call({
  method: 'mcp.tool',
  audience: 'session',
  params: z.object({ session: sessionSchema, name: z.string().min(1).max(100), arguments: z.unknown().optional() }).strict(),
  result: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('invalid'), message: z.string() }).strict(),
    z
      .object({
        kind: z.literal('result'),
        result: z.discriminatedUnion('ok', [
          z.object({ ok: z.literal(true), content: z.string(), data: z.unknown().optional() }).strict(),
          z.object({ ok: z.literal(false), code: z.string(), reason: z.string(), fix: z.string() }).strict(),
        ]),
      })
      .strict(),
  ]),
  run: ({ services, signal }, { session, name, arguments: input }) => runSessionTool(services, session, name, input, signal),
});

export const mcpResourcesOp = call({
  method: 'mcp.resources',
  audience: 'session',
  params: z.object({ session: sessionSchema, cursor: z.string().max(20).optional() }).strict(),
  result: resourcePageSchema,
  run: ({ services }, { cursor }) => listResources(services, cursor),
});

export const mcpReadResourceOp = call({
  method: 'mcp.resource',
  audience: 'session',
  params: z.object({ session: sessionSchema, uri: z.string().min(1).max(2000) }).strict(),
  result: resourceOutcomeSchema,
  run: ({ services }, { session, uri }) => readResource(services, session, uri),
});

export const OPERATIONS: readonly Operation[] = [statusOp, listTasksOp, listJudgmentsOp, answerJudgmentOp, readLogOp, followLogOp, mcpToolOp, mcpResourcesOp, mcpReadResourceOp] as Operation[];

// The record's reads, served to every surface: the project's status, tasks,
// judgments, and the event log (a page at a time, or followed as it grows).

import { z } from 'zod';
import { TASK_STATUSES, type RecordEvent } from '../../record/events.js';
import { sortById } from '../../record/queries.js';
import type { Judgment, Task } from '../../record/tables.js';
import { parseEvent } from '../../record/validate.js';
import { messageOf } from '../../shared/errors.js';
import { projectStatus, projectStatusSchema } from '../status.js';
import { call, type StreamOperation } from './operation.js';

/** Validates a row's shape at the boundary and types it as the record's own row type. */
const taskRow = z.custom<Task>(
  (v) =>
    z
      .looseObject({ id: z.string(), title: z.string(), role: z.string(), status: z.enum(TASK_STATUSES), deps: z.array(z.string()) })
      .safeParse(v).success,
  'not a task row',
);
const judgmentRow = z.custom<Judgment>(
  (v) =>
    z
      .looseObject({
        id: z.string(),
        question: z.string(),
        status: z.enum(['pending', 'answered']),
        options: z.array(z.looseObject({ label: z.string() })),
        askedBy: z.string(),
      })
      .safeParse(v).success,
  'not a judgment row',
);
/** An event from the running session, checked as the log checks its own. */
export const recordEvent = z.unknown().transform((raw, ctx): RecordEvent => {
  try {
    return parseEvent(raw, 'event from the running session');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: messageOf(error) });
    return z.NEVER;
  }
});

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
  run: ({ ws }, { status, role }) =>
    sortById(
      [...ws.store.view.rows('tasks')].filter((t) => (!status || t.status === status) && (!role || t.role === role)),
      (t) => t.id,
    ),
});

export const listJudgmentsOp = call({
  method: 'judgments.list',
  params: z.object({ all: z.boolean().default(false) }).strict(),
  result: z.array(judgmentRow),
  run: ({ ws }, { all }) => [...ws.store.view.rows('judgments')].filter((j) => all || j.status === 'pending'),
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

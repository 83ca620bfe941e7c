// The read commands that used to need the record to themselves (`task show`,
// `trace`, `req list`, a hybrid or dense `search`), as operations: run here
// when this process opens the record, or by the holder over the socket while a
// run, crucible-tui or `crucible mcp` holds it.

import { z } from 'zod';
import { call, type Operation } from '../app/operations/index.js';
import { traceLocation, type LocationTrace } from '../app/trace-location.js';
import { kindOfId, taskId } from '../record/ids.js';
import { compareIds, impactOf, trace, type ImpactSet, type TraceResult } from '../record/queries.js';
import { entityExists } from '../record/reduce/common.js';
import type { Requirement, Task } from '../record/tables.js';
import { Tx } from '../record/tx.js';
import type { SearchHit } from '../retrieval/types.js';
import { usageSample, type UsageSample } from '../app/stats.js';
import { notFound } from '../shared/errors.js';

/** A shape check at the boundary, typed as the record's own type (the holder runs the same code that built it). */
const shaped = <T>(what: string, shape: z.ZodType) => z.custom<T>((v) => shape.safeParse(v).success, `not ${what}`);

const traceNode = z.looseObject({ id: z.string(), kind: z.string(), label: z.string() });
const traceStep = z.looseObject({ rel: z.string(), node: traceNode, depth: z.number() });
const traceShape = z.looseObject({ root: traceNode, outgoing: z.array(traceStep), incoming: z.array(traceStep) });
const traceResult = shaped<TraceResult>('a trace', traceShape);

export type TraceAnswer = (TraceResult | LocationTrace) & { impact?: ImpactSet };

export const showTaskOp = call({
  method: 'tasks.show',
  params: z.object({ id: taskId }).strict(),
  result: z.object({ task: shaped<Task>('a task row', z.looseObject({ id: z.string(), title: z.string() })), trace: traceResult }).strict(),
  run: ({ ws }, { id }) => {
    const task = ws.store.view.get('tasks', id);
    if (!task) throw notFound('unknown-id', `task ${id} does not exist`, 'list tasks with `crucible task list`');
    return { task, trace: trace(ws.store.view, id) };
  },
});

export const traceOp = call({
  method: 'trace',
  // An id (R-1, T-3) or a code location (src/parse.ts:10-42), checked by the command before it gets here.
  params: z.object({ id: z.string().min(1).max(2000) }).strict(),
  result: shaped<TraceAnswer>('a trace', traceShape),
  run: ({ ws }, { id }): TraceAnswer => {
    const view = ws.store.view;
    const kind = kindOfId(id);
    if (kind && !entityExists(new Tx(view), id))
      throw notFound('unknown-id', `${id} does not exist in the record`, 'list ids with `crucible req list` or `crucible task list`');
    const traced = kind ? trace(view, id) : traceLocation(view, id);
    if (!kind && traced.incoming.length === 0 && traced.outgoing.length === 0)
      throw notFound(
        'unknown-location',
        `nothing in the record is linked to ${id}`,
        'link it with `crucible link <id> <path>[:start-end]`',
      );
    return { ...traced, ...(kind === 'requirement' ? { impact: impactOf(view, id) } : {}) };
  },
});

export const listRequirementsOp = call({
  method: 'requirements.list',
  params: z.object({}).strict(),
  result: z.array(shaped<Requirement>('a requirement row', z.looseObject({ id: z.string(), text: z.string() }))),
  run: ({ ws }) => [...ws.store.view.rows('requirements')].sort((a, b) => compareIds(a.id, b.id)),
});

/** A hybrid or dense search may rebuild the vector index, so the process holding the record runs it (a lexical one needs no record). */
export const searchIndexOp = call({
  method: 'index.search',
  params: z
    .object({
      query: z.string().min(1).max(4000),
      k: z.number().int().min(1).max(200),
      mode: z.enum(['hybrid', 'lexical', 'dense']).optional(),
    })
    .strict(),
  result: z.array(shaped<SearchHit>('a search hit', z.looseObject({ citation: z.string(), score: z.number(), snippet: z.string() }))),
  run: async ({ services }, { query, k, mode }) => {
    const retrieval = await services.retrieval();
    return retrieval ? retrieval.search(query, { k, ...(mode ? { mode } : {}) }) : [];
  },
});

const usageSampleSchema = z
  .object({
    seq: z.number().int().min(1),
    ts: z.string().max(40),
    agent: z.string().max(200),
    tokens: z.number().min(0),
    costUsd: z.number().nullable(),
  })
  .strict();

/**
 * Every model turn's usage in the log (the charts' data: `status --stats`, the TUI's Stats tab), up to `head`.
 * A read like `log.read`, which already serves the same model.usage events to any connection, so an agent
 * session may read it too: it tells no more than the log does, and nothing in it feeds a gate.
 */
export const usageSamplesOp = call({
  method: 'stats.usage',
  params: z.object({}).strict(),
  result: z.object({ head: z.number().int().min(0), samples: z.array(usageSampleSchema) }).strict(),
  run: async ({ ws, signal }) => {
    const head = ws.store.head();
    // A holder serves this to every attached TUI and `status --stats`: each call reads only what was appended since.
    const seen = usageSeen.get(ws.store);
    const from = seen && seen.head <= head ? seen : { head: 0, samples: [] };
    const samples = [...from.samples];
    for await (const event of ws.store.read({ since: from.head })) {
      if (signal.aborted) return { head: from.head, samples: from.samples };
      if (event.seq > head) break;
      if (event.type === 'model.usage') samples.push(usageSample(event));
    }
    usageSeen.set(ws.store, { head, samples });
    return { head, samples };
  },
});

const usageSeen = new WeakMap<object, { head: number; samples: UsageSample[] }>();

export const READ_OPERATIONS: readonly Operation[] = [
  showTaskOp,
  traceOp,
  listRequirementsOp,
  searchIndexOp,
  usageSamplesOp,
] as Operation[];

// The socket's live operations, served by a process that drives a run (or may
// start one): `live.watch` streams frames — the agents' streamed activity,
// every durable event, and fresh copies of the record, the agents, the run
// phase and the usage when they change — so an attached crucible-tui is fed
// the same data its in-process session would be; `live.control` pauses and
// resumes the run, as the holder's own `p` does.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { call, recordEvent, type Operation, type StreamOperation } from '../app/operations/index.js';
import { topicOf } from '../bus/bus.js';
import type { RecordEvent } from '../record/events.js';
import type { ModelError } from '../model/types.js';
import type { AgentActivity } from '../runtime/agent-loop.js';
import { staleLinkMarks } from '../runtime/drift.js';
import { failure } from '../shared/errors.js';
import { projectUsage, recentEvents, type LiveHub } from './live-hub.js';
import {
  gateRefusalSchema,
  liveAgentSchema,
  liveRecordSchema,
  liveRunSchema,
  liveUsageSchema,
  recordSnapshot,
  refusalOf,
  type GateRefusal,
  type StaleMark,
} from './live-view.js';

/** One frame at most this often: what the TUI draws in-process too (bridge.ts FRAME_INTERVAL_MS). */
const FRAME_MS = 125;
const STALE_EVERY_MS = 3000;
/** Items a watcher may fall behind by before it is cut off (it attaches again to catch up). */
const MAX_PENDING = 20_000;
/** Topics whose events change the tables the TUI shows. */
const SHOWN_TOPICS = new Set(['requirement', 'decision', 'task', 'judgment', 'proposal', 'link', 'edge']);

const text = (max: number) => z.string().max(max);
const activitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: text(1_000_000) }).strict(),
  z.object({ type: z.literal('turn'), turn: z.number().int() }).strict(),
  z.object({ type: z.literal('turn.ended'), turn: z.number().int() }).strict(),
  z.object({ type: z.literal('tool'), name: text(200), input: z.null(), ok: z.boolean(), summary: text(64_000) }).strict(),
  z
    .object({
      type: z.literal('retry'),
      attempt: z.number().int(),
      error: z.custom<ModelError>((v) => z.looseObject({ kind: z.string(), message: text(64_000) }).safeParse(v).success),
    })
    .strict(),
  z.object({ type: z.literal('paused'), reason: text(64_000) }).strict(),
]);

export const liveFrameSchema = z
  .object({
    goal: text(20_000).optional(),
    activities: z.array(z.object({ agent: text(200), activity: activitySchema }).strict()),
    refusals: z.array(gateRefusalSchema),
    events: z.array(recordEvent),
    record: liveRecordSchema.optional(),
    agents: z.array(liveAgentSchema).optional(),
    run: liveRunSchema.optional(),
    usage: liveUsageSchema.optional(),
  })
  .strict();
export type LiveFrame = z.infer<typeof liveFrameSchema>;

const watchParams = z.object({ recent: z.number().int().min(0).max(1000).default(300) }).strict();

/** A tool call's input stays with the holder: the pane shows its summary, and inputs can be whole files. */
const onWire = (activity: AgentActivity): z.infer<typeof activitySchema> =>
  activity.type === 'tool' ? { ...activity, input: null } : activity;

/** The stream's method, for clients (which call it without a hub of their own). */
export const liveWatchOp: StreamOperation<typeof watchParams, typeof liveFrameSchema> = {
  kind: 'stream',
  method: 'live.watch',
  // Every agent's live output: for the human's screens, not for a connection that serves an agent.
  audience: 'human',
  params: watchParams,
  item: liveFrameSchema,
  stream: () => Promise.reject(failure('not-live', 'this process serves no live session', 'attach to the process that runs the agents')),
};

export const liveControlOp = call({
  method: 'live.control',
  audience: 'human',
  params: z.object({ action: z.enum(['pause', 'resume']) }).strict(),
  result: z.object({ action: z.enum(['pause', 'resume']) }).strict(),
  run: () => Promise.reject(failure('not-live', 'this process serves no live session', 'attach to the process that runs the agents')),
});

/** The live operations over one hub: what serveHeldWorkspace adds when the holder has one. */
export function liveOperations(hub: LiveHub): Operation[] {
  const watching: typeof liveWatchOp = { ...liveWatchOp, stream: (env, params, emit) => watch(hub, env.signal, params.recent, emit) };
  const control: typeof liveControlOp = {
    ...liveControlOp,
    run: (_env, { action }) => {
      hub.control(action);
      return { action };
    },
  };
  return [watching, control] as Operation[];
}

async function watch(hub: LiveHub, signal: AbortSignal, recent: number, emit: (frame: LiveFrame) => Promise<void>): Promise<void> {
  const { ws } = hub;
  let activities: LiveFrame['activities'] = [];
  let events: RecordEvent[] = [];
  let refusals: GateRefusal[] = [];
  let tables = false;
  let machines = false;
  let usage = false;
  let stale: StaleMark[] = [];
  let wake: (() => void) | undefined;
  const nudge = () => wake?.();
  const pending = () => activities.length + events.length;
  const closers: (() => void)[] = [];
  closers.push(
    hub.onActivity((agent, activity) => {
      activities.push({ agent, activity: onWire(activity) });
      nudge();
    }),
  );
  closers.push(
    hub.onChange(() => {
      machines = true;
      nudge();
    }),
  );
  const sub = ws.bus.subscribe(
    (event) => {
      events.push(event);
      const refusal = refusalOf(ws.store.view, event);
      if (refusal) refusals.push(refusal);
      if (SHOWN_TOPICS.has(topicOf(event.type))) tables = true;
      if (event.type === 'model.usage') usage = true;
      nudge();
    },
    { maxBuffer: MAX_PENDING },
  );
  closers.push(() => sub.close());
  let staleKey = '';
  const refreshStale = async () => {
    const marks = await staleLinkMarks(ws.store.view, ws.paths.root);
    if (JSON.stringify(marks) === staleKey) return;
    staleKey = JSON.stringify(marks);
    stale = marks;
    tables = true;
    nudge();
  };
  const timer = setInterval(() => void refreshStale(), STALE_EVERY_MS);
  timer.unref();
  closers.push(() => clearInterval(timer));
  signal.addEventListener('abort', nudge, { once: true });
  closers.push(() => signal.removeEventListener('abort', nudge));
  try {
    await refreshStale();
    const agents = hub.agents;
    await emit({
      goal: hub.goal,
      activities: [],
      refusals: [],
      events: await recentEvents(ws, recent),
      record: recordSnapshot(ws.store.view, stale),
      ...(agents ? { agents } : {}),
      run: hub.run,
      usage: hub.usage ?? (await projectUsage(ws)),
    });
    tables = false;
    let lastAgents = JSON.stringify(agents);
    let lastRun = JSON.stringify(hub.run);
    while (!signal.aborted) {
      if (pending() === 0 && !tables && !machines && !usage) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      // Gather a frame's worth, then send it as one (when the holder stops, at once: its last frame says how the run ended).
      await sleep(FRAME_MS, undefined, { signal }).catch(() => undefined);
      if (pending() > MAX_PENDING)
        throw failure('watch-behind', 'this terminal fell too far behind the running session', 'attach again (restart crucible-tui)');
      const frame: LiveFrame = { activities, refusals, events };
      activities = [];
      refusals = [];
      events = [];
      if (tables) frame.record = recordSnapshot(ws.store.view, stale);
      if (machines || usage) {
        const agentsNow = hub.agents;
        const key = JSON.stringify(agentsNow);
        if (agentsNow && key !== lastAgents) frame.agents = agentsNow;
        lastAgents = key;
        const run = hub.run;
        if (JSON.stringify(run) !== lastRun) frame.run = run;
        lastRun = JSON.stringify(run);
        const usageNow = hub.usage;
        if (usageNow) frame.usage = usageNow;
        if (frame.run?.kind === 'live' && !frame.goal && hub.goal) frame.goal = hub.goal;
      }
      tables = machines = usage = false;
      await emit(frame);
    }
  } finally {
    for (const close of closers.splice(0)) close();
  }
}

// The report's views of the log over time: model usage per agent, the task burndown, and each
// task's gate verdicts with the pass that fixed each refusal. Pure: events in, data out.
import type { RecordEvent, RecordEventOf } from '../../record/events.js';
import type { BurndownPoint, GateEntry, UsagePoint } from './model.js';

export interface Timeline {
  usage: UsagePoint[];
  burndown: BurndownPoint[];
  gatesByTask: Map<string, GateEntry[]>;
}

/** The event types the timeline reads; a loader may skip every other. */
export const TIMELINE_EVENTS: ReadonlySet<string> = new Set([
  'model.usage',
  'gate.checked',
  'task.created',
  'task.completed',
  'task.reopened',
]);

export function timelineOf(events: Iterable<RecordEvent>): Timeline {
  const usage: UsagePoint[] = [];
  const burndown: BurndownPoint[] = [];
  const gatesByTask = new Map<string, GateEntry[]>();
  const done = new Map<string, boolean>();
  let doneCount = 0;
  const mark = (id: string, isDone: boolean, ts: string) => {
    const was = done.get(id);
    if (was === isDone) return;
    if (was === true) doneCount--;
    if (isDone) doneCount++;
    done.set(id, isDone);
    burndown.push({ ts, open: done.size - doneCount, done: doneCount });
  };
  for (const event of events) {
    switch (event.type) {
      case 'model.usage': {
        const d = event.data;
        const tokens = d.inputTokens + d.outputTokens + d.cacheCreationTokens + d.cacheReadTokens;
        usage.push({ ts: event.ts, agent: d.agent, tokens, costUsd: d.costUsd });
        break;
      }
      case 'gate.checked':
        if (event.data.taskId) addGate(gatesByTask, event.data.taskId, event);
        break;
      case 'task.created':
        mark(event.data.id, false, event.ts);
        break;
      case 'task.completed':
        mark(event.data.id, true, event.ts);
        break;
      case 'task.reopened':
        mark(event.data.id, false, event.ts);
        break;
      default:
        break;
    }
  }
  return { usage, burndown, gatesByTask };
}

function addGate(gatesByTask: Map<string, GateEntry[]>, taskId: string, event: RecordEventOf<'gate.checked'>): void {
  const d = event.data;
  const gates = gatesByTask.get(taskId) ?? [];
  if (d.ok)
    for (const earlier of gates) if (!earlier.ok && earlier.gate === d.gate && earlier.fixedAt === undefined) earlier.fixedAt = event.seq;
  gates.push({
    seq: event.seq,
    ts: event.ts,
    gate: d.gate,
    ok: d.ok,
    ...(d.code === undefined ? {} : { code: d.code }),
    ...(d.reason === undefined ? {} : { reason: d.reason }),
    ...(d.fix === undefined ? {} : { fix: d.fix }),
  });
  gatesByTask.set(taskId, gates);
}

// Wires the engine to the store: streamed activity (from the runtime's
// onActivity), durable events (from the bus) and machine state changes all go
// into one throttled channel; each flush becomes one `engine.batch` action.
import type { RecordEvent } from '../../record/events.js';
import type { AgentActivity } from '../../runtime/agent-loop.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { Workspace } from '../../workspace/open.js';
import { usageSample, usageSamplesOf } from '../../app/stats.js';
import { logEntry } from '../state/format.js';
import { topicOf } from '../../bus/bus.js';
import { staleLinkMarks } from '../../runtime/drift.js';
import type { EngineBatch, GateRefusal, RunInfo, StaleMark, UsageInfo } from '../state/types.js';
import type { TuiStore } from '../store.js';
import { FrameChannel } from './channel.js';
import { agentStatuses, livePhase, recordSnapshot, usageInfo } from './snapshot.js';
import { refusalOf } from '../../mcp/live-view.js';

/**
 * Eight engine-driven frames a second: smooth enough for streamed text (words arrive a few at a time).
 * Ink repaints the whole screen each frame (some 25–30 ms of CPU for 120×40), so this is what keeps
 * rendering with 8 agents streaming under 0.3 of a core (0.33 at ten frames a second, measured);
 * key frames share the budget (FrameChannel.drawn) and are drawn at once.
 */
export const FRAME_INTERVAL_MS = 125;
const STALE_INTERVAL_MS = 3000;
/** Topics whose events change the tables the TUI shows (usage, ledger, gates and messages do not). */
const SHOWN_TOPICS = new Set(['requirement', 'decision', 'task', 'judgment', 'proposal', 'link', 'edge']);

type Item = { kind: 'activity'; agent: string; activity: AgentActivity } | { kind: 'event'; event: RecordEvent; refusal?: GateRefusal };

export interface BridgeOptions {
  ws: Workspace;
  store: TuiStore;
  runtime?: Runtime;
  /** Frame interval; the default 100 ms is at most 10 frames a second while streaming (keys draw at once, and delay the next batch). */
  intervalMs?: number;
}

export class EngineBridge {
  readonly channel: FrameChannel<Item>;
  private readonly closers: (() => void)[] = [];
  private run: RunInfo;
  private lastAgents = '';
  private lastRun = '';
  private stale: StaleMark[] = [];
  private staleKey = '';
  private flushing = false;
  private runtime: Runtime | undefined;

  constructor(private readonly options: BridgeOptions) {
    this.channel = new FrameChannel((items, dirty) => this.flush(items, dirty), options.intervalMs ?? FRAME_INTERVAL_MS);
    this.runtime = options.runtime;
    this.run = options.runtime ? { kind: 'live', phase: 'starting' } : { kind: 'browse' };
  }

  /** Passed as the run's `onActivity` (src/app/session.ts); O(1) per token. */
  readonly activity = (agent: string, activity: AgentActivity): void => this.channel.push({ kind: 'activity', agent, activity });

  /** Subscribes and dispatches the first batch: the record as it is, recent events, and (browsing) the project's usage so far. */
  start(initialEvents: RecordEvent[] = [], usage?: UsageInfo): void {
    const { ws, store } = this.options;
    // A change the channel did not deliver (a key) is a frame of its own: the backlog waits behind it.
    const drawn = store.subscribe(() => {
      if (!this.flushing) this.channel.drawn();
    });
    this.closers.push(drawn);
    const sub = ws.bus.subscribe((event) => this.channel.push({ kind: 'event', event, ...this.refusalOf(event) }), { maxBuffer: 20_000 });
    this.closers.push(() => sub.close());
    if (this.runtime) this.watchMachines(this.runtime);
    // Code can change behind the record's back (another editor): look at the linked lines now and then.
    void this.refreshStale();
    const timer = setInterval(() => void this.refreshStale(), STALE_INTERVAL_MS);
    timer.unref();
    this.closers.push(() => clearInterval(timer));
    const batch = this.batch([], true);
    batch.events = initialEvents.map(logEntry);
    batch.samples = usageSamplesOf(initialEvents);
    if (usage) batch.usage = usage;
    this.options.store.dispatch({ type: 'engine.batch', batch });
  }

  /** A run started after the session opened (browsing, the human pressed r): from now on the frames follow it. */
  attachRuntime(runtime: Runtime): void {
    this.runtime = runtime;
    this.run = { kind: 'live', phase: 'starting' };
    this.watchMachines(runtime);
    this.channel.mark();
  }

  private watchMachines(runtime: Runtime): void {
    const coordinator = runtime.coordinator.subscribe(() => this.channel.mark());
    this.closers.push(() => coordinator.unsubscribe());
    for (const ref of Object.values(runtime.coordinator.getSnapshot().context.agents)) {
      const s = ref.subscribe(() => this.channel.mark());
      this.closers.push(() => s.unsubscribe());
    }
  }

  /** The run is over: from now on the header shows how it ended. */
  runEnded(run: RunInfo): void {
    this.run = run;
    this.channel.mark();
    this.channel.flush();
  }

  close(): void {
    for (const close of this.closers.splice(0)) close();
    this.channel.flush();
    this.channel.close();
  }

  private async refreshStale(): Promise<void> {
    const { ws } = this.options;
    const marks = await staleLinkMarks(ws.store.view, ws.paths.root);
    const key = JSON.stringify(marks);
    if (key === this.staleKey) return;
    this.staleKey = key;
    this.stale = marks;
    this.channel.mark();
  }

  private refusalOf(event: RecordEvent): { refusal?: GateRefusal } {
    const refusal = refusalOf(this.options.ws.store.view, event);
    return refusal ? { refusal } : {};
  }

  private flush(items: Item[], dirty: boolean): void {
    this.flushing = true;
    try {
      this.options.store.dispatch({ type: 'engine.batch', batch: this.batch(items, dirty) });
    } finally {
      this.flushing = false;
    }
  }

  private batch(items: Item[], dirty: boolean): EngineBatch {
    const { ws } = this.options;
    const runtime = this.runtime;
    const batch: EngineBatch = { activities: [], refusals: [], events: [] };
    let usage = false;
    for (const item of items) {
      if (item.kind === 'activity') batch.activities.push({ agent: item.agent, activity: item.activity });
      else {
        batch.events.push(logEntry(item.event));
        if (item.refusal) batch.refusals.push(item.refusal);
        if (item.event.type === 'model.usage') {
          usage = true;
          (batch.samples ??= []).push(usageSample(item.event));
        }
      }
    }
    const changesTables = items.some((i) => i.kind === 'event' && SHOWN_TOPICS.has(topicOf(i.event.type)));
    if (changesTables || dirty) batch.record = recordSnapshot(ws.store.view, this.stale);
    if (runtime) {
      const agents = agentStatuses(runtime.coordinator);
      const key = JSON.stringify(agents);
      if (key !== this.lastAgents) {
        this.lastAgents = key;
        batch.agents = agents;
      }
      const run: RunInfo = this.run.kind === 'live' ? { kind: 'live', phase: livePhase(runtime.coordinator) } : this.run;
      if (JSON.stringify(run) !== this.lastRun) {
        this.lastRun = JSON.stringify(run);
        batch.run = run;
      }
      if (usage || dirty) batch.usage = usageInfo(runtime.services.budget);
    } else if (dirty) batch.run = this.run;
    return batch;
  }
}

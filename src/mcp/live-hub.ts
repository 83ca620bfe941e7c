// A process's live session as other processes may watch it: the holder
// (`crucible run`, crucible-tui) tells the hub about its runtime, its agents'
// streamed activity and how the run ended; the socket's `live.*` operations
// (operations-live.ts) read the hub and send it on to attached TUIs.
import type { RecordEvent } from '../record/events.js';
import type { AgentActivity } from '../runtime/agent-loop.js';
import type { Runtime } from '../runtime/runtime.js';
import { failure } from '../shared/errors.js';
import type { Workspace } from '../workspace/open.js';
import { agentStatuses, livePhase, usageInfo, type LiveAgent, type LiveRun, type LiveUsage } from './live-view.js';

export type RunEnd = Extract<LiveRun, { kind: 'ended' }>;
type ActivityListener = (agent: string, activity: AgentActivity) => void;

export class LiveHub {
  private runtime: Runtime | undefined;
  private end: RunEnd | undefined;
  private readonly activityListeners = new Set<ActivityListener>();
  private readonly changeListeners = new Set<() => void>();
  private unwatch: (() => void)[] = [];

  constructor(readonly ws: Workspace) {}

  /** Passed on as the run's `onActivity`; O(listeners) per token, nothing when nobody watches. */
  readonly activity: ActivityListener = (agent, activity) => {
    for (const listener of this.activityListeners) listener(agent, activity);
  };

  /** The run this process drives from now on; its machines' changes reach the watchers. */
  attach(runtime: Runtime): void {
    this.detachMachines();
    this.runtime = runtime;
    this.end = undefined;
    const coordinator = runtime.coordinator.subscribe(() => this.changed());
    this.unwatch.push(() => coordinator.unsubscribe());
    for (const ref of Object.values(runtime.coordinator.getSnapshot().context.agents)) {
      const s = ref.subscribe(() => this.changed());
      this.unwatch.push(() => s.unsubscribe());
    }
    this.changed();
  }

  ended(end: Omit<RunEnd, 'kind'>): void {
    this.detachMachines();
    this.end = { kind: 'ended', ...end };
    this.changed();
  }

  get goal(): string {
    return this.runtime?.goal ?? '';
  }

  get run(): LiveRun {
    if (this.end) return this.end;
    return this.runtime ? { kind: 'live', phase: livePhase(this.runtime.coordinator) } : { kind: 'browse' };
  }

  /** The agents' machines, or undefined before a run (the attached TUI then keeps its empty list). */
  get agents(): LiveAgent[] | undefined {
    return this.runtime ? agentStatuses(this.runtime.coordinator) : undefined;
  }

  /** The run's usage; undefined without a run (projectUsage says what the project spent so far). */
  get usage(): LiveUsage | undefined {
    return this.runtime ? usageInfo(this.runtime.services.budget) : undefined;
  }

  /** Pause or resume, as the holder's own `p` does: refused when no run is going here. */
  control(action: 'pause' | 'resume'): void {
    const phase = this.run;
    if (!this.runtime || phase.kind !== 'live')
      throw failure('no-run', 'no run is going in the session this terminal is attached to', 'start one there, or with `crucible run`');
    this.runtime.coordinator.send({ type: action === 'pause' ? 'run.pause' : 'run.resume' });
  }

  onActivity(listener: ActivityListener): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  private detachMachines(): void {
    for (const stop of this.unwatch.splice(0)) stop();
  }
}

/** What the project has spent so far, from the log: the header's figures when no run is going. */
export async function projectUsage(ws: Workspace): Promise<LiveUsage> {
  const usage: LiveUsage = {
    turns: 0,
    tokens: 0,
    costUsd: 0,
    unknownCostTurns: 0,
    budgetUsd: ws.config.model.budget.usd,
    budgetTokens: ws.config.model.budget.tokens,
  };
  for await (const e of ws.store.read()) {
    if (e.type !== 'model.usage') continue;
    usage.turns += 1;
    usage.tokens += e.data.inputTokens + e.data.outputTokens + e.data.cacheCreationTokens + e.data.cacheReadTokens;
    if (e.data.costUsd === null) usage.unknownCostTurns += 1;
    else usage.costUsd += e.data.costUsd;
  }
  return usage;
}

/** The last `count` events of the log, oldest first. */
export async function recentEvents(ws: Workspace, count: number): Promise<RecordEvent[]> {
  const events: RecordEvent[] = [];
  for await (const event of ws.store.read({ since: Math.max(0, ws.store.head() - count) })) events.push(event);
  return events;
}

import { createActor, waitFor, type Actor } from 'xstate';
import { RunBudget, type BudgetLimits } from '../model/budget.js';
import { buildPriceTable } from '../model/pricing.js';
import { resolveAgentModel } from '../model/config.js';
import type { ModelClient } from '../model/types.js';
import type { ToolContext } from '../tools/types.js';
import type { Workspace } from '../workspace/open.js';
import type { AgentActivity } from './agent-loop.js';
import { expandInstances, type AgentDefinition } from './agent-definitions.js';
import { withTeamProtocol } from './context-pack.js';
import { agentLogic, runJobAlone, settleStopped } from './agent-logic.js';
import { createCoordinatorMachine } from './coordinator.machine.js';
import type { JobServices } from './jobs.js';
import type { AgentOutcome } from './agent-loop.js';
import { JudgmentRouter, type AnswerPolicy } from './judgments.js';
import type { Templates } from './prompts.js';
import { lastGoal, requeueInterrupted } from './resume.js';
import { stopCause } from './run-outcome.js';
import { explainStall } from './scheduler.js';
import { taskTreesFor } from './worktrees/task-trees.js';
import type { Judgment } from '../record/tables.js';

export interface RunOptions {
  ws: Workspace;
  model: ModelClient;
  /** The agent files and prompt templates, loaded once by the session's services (src/app). */
  agents: Map<string, AgentDefinition>;
  templates: Templates;
  goal?: string;
  resume?: boolean;
  answerPolicy?: AnswerPolicy;
  concurrency?: number;
  /** Agents per role, e.g. { implementer: 3 }; default one each. */
  instances?: Record<string, number>;
  budget?: Partial<BudgetLimits>;
  searchDocs?: ToolContext['searchDocs'];
  onActivity?: (agent: string, activity: AgentActivity) => void;
  signal?: AbortSignal;
  /** A person is watching (the TUI): waiting for a judgment keeps the run alive instead of ending it. */
  interactive?: boolean;
  /** Headless, but keep running while agents wait on judgments (answered from another terminal); `onWaiting` says so once per set. */
  waitForAnswers?: boolean;
  /** The run is held up only by these judgments (called once each time the set changes). */
  onWaiting?: (judgments: Judgment[]) => void;
  /**
   * Runs once the agents have stopped, before `run.stopped` is recorded; skipped when the run
   * was cancelled. Sessions (src/app/session.ts) pass the post-run re-audit (audit/reaudit.ts) here.
   */
  afterRun?: (ws: Workspace) => Promise<void>;
  /** The turn of agents that run on another backend than the built-in loop (src/app composes the claude-code one). */
  turnFor?: JobServices['turnFor'];
  /** Something the person should know before the run starts (e.g. agents sharing one tree); said once. */
  onNotice?: (text: string) => void;
}

/** `waiting`: a headless run ended because its agents wait only on judgments (`paused` is the older name, kept in old records). */
export type RunState = 'done' | 'waiting' | 'budget' | 'failed' | 'cancelled';

export interface RunSummary {
  state: RunState;
  reason: string;
  /** What to do about a `failed` or `waiting` run. */
  fix?: string;
  goal: string;
  tasks: Record<string, number>;
  pendingJudgments: string[];
  /** With state `waiting`: the judgments the run waits on. */
  waitingOn?: Judgment[];
  usage: { turns: number; totalTokens: number; costUsd: number; unknownCostTurns: number };
}

/**
 * `inflight` collects the running jobs' steps, so a run that ends can let them settle before it closes the record.
 * `pauseOnHuman`: a headless run whose busy agents all wait on the human stops waiting (the coordinator's `waitingForHuman`).
 */
export function createCoordinator(
  services: JobServices,
  agents: AgentDefinition[],
  concurrency: number,
  inflight: Set<Promise<unknown>> = new Set(),
  pauseOnHuman = false,
) {
  const machine = createCoordinatorMachine(agentLogic(services, inflight));
  return createActor(machine, {
    input: {
      agents: agents.map((a) => ({ name: a.name, role: a.role })),
      concurrency,
      view: () => services.ws.store.view,
      planner: agents.find((a) => a.role === 'planner')?.name,
      pauseOnHuman,
    },
  });
}

export type CoordinatorActor = Actor<ReturnType<typeof createCoordinatorMachine>>;

/** A run: re-queue interrupted work, plan if needed, and drive the coordinator to an end. */
export class Runtime {
  private constructor(
    readonly coordinator: CoordinatorActor,
    readonly services: JobServices,
    private readonly options: RunOptions,
    readonly goal: string,
    private readonly inflight: Set<Promise<unknown>>,
  ) {}

  static async create(options: RunOptions): Promise<Runtime> {
    const { ws } = options;
    const { templates } = options;
    const agents = withTeamProtocol(expandInstances(options.agents, { ...ws.config.instances, ...options.instances }), templates);
    const modelConfig = ws.config.model;
    const budget = new RunBudget({
      usd: options.budget?.usd ?? modelConfig.budget.usd,
      tokens: options.budget?.tokens ?? modelConfig.budget.tokens,
    });
    const goal = options.goal ?? (await lastGoal(ws)) ?? '';
    const concurrency = options.concurrency ?? ws.config.concurrency;
    const worktrees = await taskTreesFor(ws, concurrency, options.onNotice);
    const services: JobServices = {
      ws,
      agents,
      templates,
      model: options.model,
      modelFor: (agent) =>
        options.model.provider === 'scripted' ? options.model.defaultModel : resolveAgentModel(modelConfig, agent.role, agent.model),
      maxTokens: modelConfig.maxTokens,
      budget,
      prices: buildPriceTable(modelConfig.pricing),
      judgments: new JudgmentRouter(ws.store, ws.bus, options.answerPolicy ?? 'ask'),
      ...(options.searchDocs ? { searchDocs: options.searchDocs } : {}),
      ...(options.onActivity ? { onActivity: options.onActivity } : {}),
      ...(options.turnFor ? { turnFor: options.turnFor } : {}),
      ...(worktrees ? { worktrees } : {}),
    };
    const inflight = new Set<Promise<unknown>>();
    // With --auto-answer first the router answers at once; the wait is only a moment.
    const pauseOnHuman = !options.interactive && options.answerPolicy !== 'first';
    const coordinator = createCoordinator(services, [...agents.values()], concurrency, inflight, pauseOnHuman);
    return new Runtime(coordinator, services, options, goal, inflight);
  }

  async run(): Promise<RunSummary> {
    const { ws } = this.options;
    const resumed = await requeueInterrupted(ws, new Set(this.services.agents.keys()));
    const plan = this.goal !== '' && [...ws.store.view.rows('tasks')].length === 0;
    await ws.store.append({
      type: 'run.started',
      actor: 'coordinator',
      data: { goal: this.goal, model: this.options.model.defaultModel, resumed: this.options.resume === true || resumed > 0 },
    });
    const ticks = ws.bus.subscribe(() => this.coordinator.send({ type: 'coordinator.tick' }), {
      types: [
        'judgment.answered',
        'task.created',
        'task.reopened',
        'task.released',
        'task.completed',
        'task.submitted',
        'task.failed',
        'task.changes_requested',
      ],
    });
    const onAbort = () => this.coordinator.send({ type: 'run.stop', reason: stopCause(this.options.signal?.reason) });
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    const announcer = this.announceWaiting();
    this.coordinator.start();
    this.coordinator.send({ type: 'run.start', plan, ...(this.goal ? { goal: this.goal } : {}) });
    // Headless without --wait, nobody can answer here: a run whose agents wait only on the human ends at once.
    const endsOnWait = !this.options.interactive && !this.options.waitForAnswers;
    const ended = await waitFor(
      this.coordinator,
      (s) => s.status === 'done' || s.matches('budgetStop') || (endsOnWait && s.matches('waitingForHuman')),
      { timeout: Infinity },
    );
    ticks.close();
    announcer.unsubscribe();
    this.options.signal?.removeEventListener('abort', onAbort);
    const { failure, stopReason } = ended.context;
    const state: RunState = this.options.signal?.aborted
      ? 'cancelled'
      : failure
        ? 'failed'
        : ended.matches('budgetStop')
          ? 'budget'
          : ended.status === 'done'
            ? this.openCount() === 0
              ? 'done'
              : 'failed'
            : 'waiting';
    const waitingOn = state === 'waiting' ? this.pendingJudgments() : [];
    const { reason, fix } = failure ? { reason: failure.cause, fix: failure.fix } : this.reasonFor(state, stopReason, waitingOn);
    const agents = Object.values(this.coordinator.getSnapshot().context.agents);
    this.coordinator.stop();
    // Stopping aborts the jobs; they give their tasks back before the record is closed, even when a step finished as if nothing had stopped it.
    await Promise.allSettled([...this.inflight]);
    await settleStopped(this.services, agents);
    if (state === 'budget') await this.askAboutBudget();
    // A stopped run closes quickly: the re-audit (the TypeScript compiler over the project) waits for the next run.
    if (state !== 'cancelled') await this.options.afterRun?.(ws);
    await ws.store.append({
      type: 'run.stopped',
      actor: 'coordinator',
      data: { reason: (fix ? `${reason}: ${fix}` : reason).slice(0, 2000), state },
    });
    return { ...this.summary(state, reason), ...(fix ? { fix } : {}), ...(state === 'waiting' ? { waitingOn } : {}) };
  }

  /** Tells `onWaiting` each time the run becomes held up by a new set of judgments. */
  private announceWaiting(): { unsubscribe(): void } {
    const onWaiting = this.options.onWaiting;
    if (!onWaiting) return { unsubscribe: () => undefined };
    let told = '';
    return this.coordinator.subscribe((s) => {
      if (s.status !== 'active' || !s.matches('waitingForHuman')) return;
      const pending = this.pendingJudgments();
      const key = pending.map((j) => j.id).join(',');
      if (key === '' || key === told) return;
      told = key;
      onWaiting(pending);
    });
  }

  private pendingJudgments(): Judgment[] {
    return [...this.options.ws.store.view.rows('judgments')].filter((j) => j.status === 'pending');
  }

  /**
   * The auditor agent reads the static findings and adds design-level proposals (propose_improvement);
   * `proposals` lists the best-ranked static ones, whose text it may rewrite (refine_proposal).
   */
  async audit(findings: string, proposals?: string): Promise<AgentOutcome> {
    const auditor = [...this.services.agents.values()].find((a) => a.role === 'auditor');
    if (!auditor) return { kind: 'failed', reason: 'no auditor agent (agents/auditor.md)', retryable: false };
    return runJobAlone(
      agentLogic(this.services, this.inflight),
      { name: auditor.name, role: auditor.role },
      { kind: 'audit', findings, ...(proposals !== undefined ? { proposals } : {}) },
      this.inflight,
      this.options.signal,
    );
  }

  private openCount(): number {
    return [...this.options.ws.store.view.rows('tasks')].filter((t) => t.status !== 'done' && t.status !== 'cancelled').length;
  }

  private reasonFor(state: RunState, stopReason: string | undefined, waitingOn: Judgment[]): { reason: string; fix?: string } {
    if (state === 'waiting') {
      const ids = waitingOn.map((j) => j.id).join(', ');
      return {
        reason: `the agents wait for your judgment on ${ids}`,
        fix: 'answer it (below), then `crucible run --resume` continues; `crucible run --wait` waits for the answer instead',
      };
    }
    if (state === 'failed') {
      const why = explainStall(this.options.ws.store.view, [...this.services.agents.values()]);
      return { reason: `${stopReason ?? 'the run could not finish'}${why.length ? `: ${why.join('; ')}` : ''}` };
    }
    if (state === 'cancelled') return { reason: stopReason ?? 'stopped', fix: '`crucible run --resume` continues it' };
    return { reason: stopReason ?? state };
  }

  private async askAboutBudget(): Promise<void> {
    const check = this.services.budget.check();
    if (check.ok) return;
    await this.options.ws.store.append({
      type: 'judgment.asked',
      actor: 'coordinator',
      data: {
        question: `Budget reached: ${check.reason}. Raise it or stop?`,
        options: [
          { label: 'raise', tradeoffs: check.fix },
          { label: 'stop', tradeoffs: 'keep what is done; no more spend' },
        ],
        context: check.code,
        askedBy: 'coordinator',
      },
    });
  }

  private summary(state: RunState, reason: string): RunSummary {
    const tasks: Record<string, number> = {};
    for (const t of this.options.ws.store.view.rows('tasks')) tasks[t.status] = (tasks[t.status] ?? 0) + 1;
    const run = this.services.budget.ledger.run();
    return {
      state,
      reason,
      goal: this.goal,
      tasks,
      pendingJudgments: this.services.judgments.pending(),
      usage: { turns: run.turns, totalTokens: run.totalTokens, costUsd: run.knownCostUsd, unknownCostTurns: run.unknownCostTurns },
    };
  }
}

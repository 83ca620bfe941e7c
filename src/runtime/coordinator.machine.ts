// The coordinator: idle → planning → running ⇄ paused, waitingForHuman,
// budgetStop, done (with a failure when the model or the planner let the run
// down). It spawns one actor per agent, hands out only work whose
// gates allow it, and notices when the run is finished or stuck.
import { assign, enqueueActions, setup, type ActorRefFrom } from 'xstate';
import type { TableReader } from '../record/tx.js';
import type { agentMachine } from './agent.machine.js';
import type { AgentIdleEvent, AgentMachineInput, AgentWaitEvent, JobSpec } from './agent-types.js';
import { agentStatus } from './agent-status.js';
import { modelFailure, plannerFailure, type RunFailure } from './run-outcome.js';
import { openTasks, schedule } from './scheduler.js';

export interface CoordinatorInput {
  agents: AgentMachineInput[];
  concurrency: number;
  /** Read access to the record, for scheduling and for deciding when the run is done. */
  view: () => TableReader;
  planner?: string;
  /** Headless and nobody answers at once: busy agents that all wait on pending judgments hold the run (`waitingForHuman`). */
  pauseOnHuman?: boolean;
}

export type CoordinatorEvent =
  | { type: 'run.start'; goal?: string; plan: boolean }
  /** The human gives the running session a new goal: the planner plans it when it is free. */
  | { type: 'run.goal'; goal: string }
  | { type: 'run.pause' }
  | { type: 'run.resume' }
  /** `reason` says who stopped it (a signal's name, or the human by default). */
  | { type: 'run.stop'; reason?: string }
  | { type: 'coordinator.tick' }
  | AgentIdleEvent
  | AgentWaitEvent;

export interface CoordinatorContext {
  input: CoordinatorInput;
  agents: Record<string, ActorRefFrom<typeof agentMachine>>;
  busy: string[];
  goal: string | undefined;
  stopReason: string | undefined;
  /** Set when the run cannot go on: it ends `failed` with this cause and fix. */
  failure: RunFailure | undefined;
  /** Agents now waiting on a judgment, and which one. */
  waitingOn: Record<string, string>;
}

const stopBy = ({ event }: { event: CoordinatorEvent }) => (event.type === 'run.stop' && event.reason) || 'stopped by the human';

export function createCoordinatorMachine(agentLogic: typeof agentMachine) {
  return setup({
    types: { context: {} as CoordinatorContext, events: {} as CoordinatorEvent, input: {} as CoordinatorInput },
    actors: { agent: agentLogic },
    guards: {
      shouldPlan: ({ event }) => event.type === 'run.start' && event.plan && event.goal !== undefined,
      allDone: ({ context }) => context.busy.length === 0 && openTasks(context.input.view()).length === 0,
      stuckOnHuman: ({ context }) =>
        context.busy.length === 0 && [...context.input.view().rows('judgments')].some((j) => j.status === 'pending'),
      heldByHuman: ({ context }) => heldByHuman(context),
      // Work held by someone outside this run (an MCP session) is progress too: wait for it.
      stalled: ({ context }) => context.busy.length === 0 && nextAssignments(context).length === 0 && !heldElsewhere(context),
      notPlanner: ({ context, event }) => event.type === 'agent.idle' && event.name !== (context.input.planner ?? 'planner'),
      plannerFree: ({ context }) =>
        !context.busy.includes(context.input.planner ?? 'planner') &&
        context.input.agents.some((a) => a.name === (context.input.planner ?? 'planner')),
      budgetHit: ({ event }) => event.type === 'agent.idle' && event.outcome?.kind === 'budget',
      modelFailed: ({ event }) => event.type === 'agent.idle' && event.outcome?.kind === 'model_failed',
      plannerFailed: ({ context, event }) =>
        event.type === 'agent.idle' && plannerFailure(event.outcome, [...context.input.view().rows('tasks')].length) !== undefined,
    },
    actions: {
      forgetWait: assign({
        waitingOn: ({ context, event }) =>
          event.type === 'agent.offJudgment'
            ? Object.fromEntries(Object.entries(context.waitingOn).filter(([name]) => name !== event.name))
            : context.waitingOn,
      }),
      freeAgent: assign({
        busy: ({ context, event }) => (event.type === 'agent.idle' ? context.busy.filter((n) => n !== event.name) : context.busy),
      }),
      failWithModel: assign({
        failure: ({ event }) =>
          event.type === 'agent.idle' && event.outcome?.kind === 'model_failed'
            ? modelFailure(event.outcome.error, event.outcome.model)
            : undefined,
      }),
      failWithPlanner: assign({
        failure: ({ context, event }) =>
          event.type === 'agent.idle' ? plannerFailure(event.outcome, [...context.input.view().rows('tasks')].length) : undefined,
      }),
      dispatch: enqueueActions(({ context, enqueue }) => {
        const assignments = nextAssignments(context);
        for (const a of assignments) {
          const job: JobSpec = { kind: a.kind, taskId: a.taskId };
          enqueue.sendTo(context.agents[a.agent]!, { type: 'agent.assign', job });
        }
        if (assignments.length > 0) enqueue.assign({ busy: [...context.busy, ...assignments.map((a) => a.agent)] });
      }),
      startPlanning: enqueueActions(({ context, enqueue }) => {
        const planner = context.input.planner ?? 'planner';
        const ref = context.agents[planner];
        if (!ref || !context.goal) return;
        enqueue.sendTo(ref, { type: 'agent.assign', job: { kind: 'plan', goal: context.goal } });
        enqueue.assign({ busy: [...context.busy, planner] });
      }),
    },
  }).createMachine({
    id: 'coordinator',
    context: ({ input, spawn }) => ({
      input,
      agents: Object.fromEntries(input.agents.map((a) => [a.name, spawn('agent', { id: a.name, input: a })])),
      busy: [],
      goal: undefined,
      stopReason: undefined,
      failure: undefined,
      waitingOn: {},
    }),
    initial: 'idle',
    on: {
      'agent.onJudgment': {
        actions: assign({ waitingOn: ({ context, event }) => ({ ...context.waitingOn, [event.name]: event.judgmentId }) }),
      },
      'agent.offJudgment': { actions: 'forgetWait' },
    },
    states: {
      idle: {
        on: {
          'run.start': [
            { guard: 'shouldPlan', target: 'planning', actions: assign({ goal: ({ event }) => event.goal }) },
            { target: 'running', actions: assign({ goal: ({ event }) => event.goal }) },
          ],
        },
      },
      planning: {
        entry: 'startPlanning',
        on: {
          'agent.idle': [
            // Agents still on tasks when a new goal came in: their ends are not the plan's.
            { guard: 'notPlanner', actions: 'freeAgent' },
            {
              guard: 'budgetHit',
              target: 'budgetStop',
              actions: ['freeAgent', assign({ stopReason: 'the run budget was reached while planning' })],
            },
            { guard: 'plannerFailed', target: 'done', actions: ['freeAgent', 'failWithPlanner'] },
            { target: 'running', actions: 'freeAgent' },
          ],
          'run.stop': { target: 'done', actions: assign({ stopReason: stopBy }) },
        },
      },
      running: {
        entry: 'dispatch',
        always: [
          { guard: 'allDone', target: 'done', actions: assign({ stopReason: 'every task is done' }) },
          { guard: 'stuckOnHuman', target: 'waitingForHuman' },
          { guard: 'heldByHuman', target: 'waitingForHuman' },
          { guard: 'stalled', target: 'done', actions: assign({ stopReason: 'no task can make progress (see failed or blocked tasks)' }) },
        ],
        on: {
          'agent.idle': [
            { guard: 'budgetHit', target: 'budgetStop', actions: ['freeAgent', assign({ stopReason: 'the run budget was reached' })] },
            { guard: 'modelFailed', target: 'done', actions: ['freeAgent', 'failWithModel'] },
            { actions: ['freeAgent', 'dispatch'] },
          ],
          'coordinator.tick': { actions: 'dispatch' },
          'run.goal': { guard: 'plannerFree', target: 'planning', actions: assign({ goal: ({ event }) => event.goal }) },
          'run.pause': 'paused',
          'run.stop': { target: 'done', actions: assign({ stopReason: stopBy }) },
        },
      },
      paused: {
        on: {
          'agent.idle': { actions: 'freeAgent' },
          'run.resume': 'running',
          'run.stop': { target: 'done', actions: assign({ stopReason: stopBy }) },
        },
      },
      waitingForHuman: {
        on: {
          'run.goal': { guard: 'plannerFree', target: 'planning', actions: assign({ goal: ({ event }) => event.goal }) },
          'coordinator.tick': 'running',
          'agent.offJudgment': { target: 'running', actions: 'forgetWait' },
          'agent.idle': { target: 'running', actions: 'freeAgent' },
          'run.stop': { target: 'done', actions: assign({ stopReason: stopBy }) },
        },
      },
      // The run ends here (runtime.ts stops at budgetStop); raising the budget is for the next run.
      budgetStop: {
        on: {
          'agent.idle': { actions: 'freeAgent' },
          'run.stop': { target: 'done', actions: assign({ stopReason: stopBy }) },
        },
      },
      done: { type: 'final' },
    },
  });
}

function nextAssignments(context: CoordinatorContext) {
  const busy = new Set(context.busy);
  const slots = context.input.agents.map((a) => ({
    name: a.name,
    role: a.role,
    busy: busy.has(a.name) || isBlocked(context.agents[a.name]),
  }));
  return schedule(context.input.view(), slots, context.input.concurrency);
}

function isBlocked(ref: ActorRefFrom<typeof agentMachine> | undefined): boolean {
  return ref !== undefined && agentStatus(ref.getSnapshot()) === 'blocked';
}

/** Busy agents all waiting on judgments still pending: in a headless run, nothing moves until the human answers. */
function heldByHuman(context: CoordinatorContext): boolean {
  if (!context.input.pauseOnHuman || context.busy.length === 0) return false;
  const view = context.input.view();
  return context.busy.every((name) => {
    const id = context.waitingOn[name];
    return id !== undefined && view.get('judgments', id)?.status === 'pending';
  });
}

function heldElsewhere(context: CoordinatorContext): boolean {
  const ours = new Set(context.input.agents.map((a) => a.name));
  return [...context.input.view().rows('tasks')].some(
    (t) => (t.status === 'claimed' || t.status === 'in_progress') && t.assignee !== undefined && !ours.has(t.assignee),
  );
}

import { assign, enqueueActions, setup, type ActorRefFrom, type AnyStateMachine } from 'xstate';
import type { TableReader } from '../record/tx.js';
import type { AgentIdleEvent, AgentMachineInput, JobSpec } from './agent.machine.js';
import { openTasks, schedule } from './scheduler.js';

/**
 * The coordinator: idle → planning → running ⇄ paused, waitingForHuman,
 * budgetStop, done. It spawns one actor per agent, hands out only work whose
 * gates allow it, and notices when the run is finished or stuck.
 */
export interface CoordinatorInput {
  agents: AgentMachineInput[];
  concurrency: number;
  /** Read access to the record, for scheduling and for deciding when the run is done. */
  view: () => TableReader;
  planner?: string;
}

export type CoordinatorEvent =
  | { type: 'run.start'; goal?: string; plan: boolean }
  | { type: 'run.pause' }
  | { type: 'run.resume' }
  | { type: 'run.stop' }
  | { type: 'coordinator.tick' }
  | AgentIdleEvent;

export interface CoordinatorContext {
  input: CoordinatorInput;
  agents: Record<string, ActorRefFrom<AnyStateMachine>>;
  busy: string[];
  goal: string | undefined;
  stopReason: string | undefined;
}

export function createCoordinatorMachine(agentLogic: AnyStateMachine) {
  return setup({
    types: { context: {} as CoordinatorContext, events: {} as CoordinatorEvent, input: {} as CoordinatorInput },
    actors: { agent: agentLogic },
    guards: {
      shouldPlan: ({ event }) => event.type === 'run.start' && event.plan && event.goal !== undefined,
      allDone: ({ context }) => context.busy.length === 0 && openTasks(context.input.view()).length === 0,
      stuckOnHuman: ({ context }) => context.busy.length === 0 && [...context.input.view().rows('judgments')].some((j) => j.status === 'pending'),
      // Work held by someone outside this run (an MCP session) is progress too: wait for it.
      stalled: ({ context }) => context.busy.length === 0 && nextAssignments(context).length === 0 && !heldElsewhere(context),
      budgetHit: ({ event }) => event.type === 'agent.idle' && event.outcome?.kind === 'budget',
    },
    actions: {
      freeAgent: assign({ busy: ({ context, event }) => (event.type === 'agent.idle' ? context.busy.filter((n) => n !== event.name) : context.busy) }),
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
    }),
    initial: 'idle',
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
            { guard: 'budgetHit', target: 'budgetStop', actions: ['freeAgent', assign({ stopReason: 'the run budget was reached while planning' })] },
            { target: 'running', actions: 'freeAgent' },
          ],
          'run.stop': { target: 'done', actions: assign({ stopReason: 'stopped by the human' }) },
        },
      },
      running: {
        entry: 'dispatch',
        always: [
          { guard: 'allDone', target: 'done', actions: assign({ stopReason: 'every task is done' }) },
          { guard: 'stuckOnHuman', target: 'waitingForHuman' },
          { guard: 'stalled', target: 'done', actions: assign({ stopReason: 'no task can make progress (see failed or blocked tasks)' }) },
        ],
        on: {
          'agent.idle': [
            { guard: 'budgetHit', target: 'budgetStop', actions: ['freeAgent', assign({ stopReason: 'the run budget was reached' })] },
            { actions: ['freeAgent', 'dispatch'] },
          ],
          'coordinator.tick': { actions: 'dispatch' },
          'run.pause': 'paused',
          'run.stop': { target: 'done', actions: assign({ stopReason: 'stopped by the human' }) },
        },
      },
      paused: {
        on: {
          'agent.idle': { actions: 'freeAgent' },
          'run.resume': 'running',
          'run.stop': { target: 'done', actions: assign({ stopReason: 'stopped by the human' }) },
        },
      },
      waitingForHuman: {
        on: {
          'coordinator.tick': 'running',
          'agent.idle': { target: 'running', actions: 'freeAgent' },
          'run.stop': { target: 'done', actions: assign({ stopReason: 'stopped while waiting for a judgment' }) },
        },
      },
      budgetStop: {
        on: {
          'agent.idle': { actions: 'freeAgent' },
          'run.resume': 'running',
          'run.stop': { target: 'done', actions: assign({ stopReason: 'stopped at the budget limit' }) },
        },
      },
      done: { type: 'final' },
    },
  });
}

function nextAssignments(context: CoordinatorContext) {
  const busy = new Set(context.busy);
  const slots = context.input.agents.map((a) => ({ name: a.name, role: a.role, busy: busy.has(a.name) || isBlocked(context.agents[a.name]) }));
  return schedule(context.input.view(), slots, context.input.concurrency);
}

function isBlocked(ref: ActorRefFrom<AnyStateMachine> | undefined): boolean {
  return ref?.getSnapshot().value === 'blocked';
}

function heldElsewhere(context: CoordinatorContext): boolean {
  const ours = new Set(context.input.agents.map((a) => a.name));
  return [...context.input.view().rows('tasks')].some((t) => (t.status === 'claimed' || t.status === 'in_progress') && t.assignee !== undefined && !ours.has(t.assignee));
}

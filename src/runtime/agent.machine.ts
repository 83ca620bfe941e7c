import { assign, fromCallback, fromPromise, sendParent, setup } from 'xstate';
import type { AgentActivity, AgentOutcome } from './agent-loop.js';
import type { GateResult } from '../gates/task-gates.js';

/**
 * One agent: idle → claiming → working (thinking / waiting for judgment /
 * submitting) → idle, or blocked (budget, gave up) or failed with backoff.
 * The effects are invoked actors supplied by the runtime (`claim`, `work`);
 * this machine only decides what state the agent is in.
 */
export type JobSpec = { kind: 'work' | 'review'; taskId: string } | { kind: 'plan'; goal: string } | { kind: 'audit'; findings: string };

export interface AgentMachineInput {
  name: string;
  role: string;
}

export interface AgentContext extends AgentMachineInput {
  job: JobSpec | undefined;
  waitingFor: string | undefined;
  lastOutcome: AgentOutcome | { kind: 'refused'; gate: GateResult } | undefined;
  failures: number;
  activity: AgentActivity | undefined;
}

export type AgentEvent =
  | { type: 'agent.assign'; job: JobSpec }
  | { type: 'agent.cancel' }
  | { type: 'agent.unblock' }
  | { type: 'agent.activity'; activity: AgentActivity }
  | { type: 'agent.waiting'; judgmentId: string }
  | { type: 'agent.answered' }
  | { type: 'agent.submitting' }
  | { type: 'agent.submitted' }
  | { type: 'agent.finished'; outcome: AgentOutcome };

/** What the agent tells the coordinator when it becomes free again. */
export type AgentIdleEvent = { type: 'agent.idle'; name: string; job: JobSpec | undefined; outcome: AgentContext['lastOutcome'] };

/** What the agent tells the coordinator when it starts and stops waiting on a judgment, so a headless run can tell it is stuck on the human. */
export type AgentWaitEvent = { type: 'agent.onJudgment'; name: string; judgmentId: string } | { type: 'agent.offJudgment'; name: string };

export interface WorkInput {
  name: string;
  role: string;
  job: JobSpec;
}

const BACKOFF_MS = (failures: number) => Math.min(30_000, 200 * 2 ** Math.max(0, failures - 1));

const idleEvent = ({ context }: { context: AgentContext }): AgentIdleEvent => ({ type: 'agent.idle', name: context.name, job: context.job, outcome: context.lastOutcome });

export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as AgentMachineInput,
  },
  actors: {
    claim: fromPromise<GateResult, WorkInput>(async () => {
      throw new Error('the runtime provides the claim actor');
    }),
    work: fromCallback<AgentEvent, WorkInput>(() => {
      throw new Error('the runtime provides the work actor');
    }),
  },
  delays: {
    backoff: ({ context }) => BACKOFF_MS(context.failures),
  },
  guards: {
    needsClaim: ({ event }) => event.type === 'agent.assign' && event.job.kind === 'work',
    retryable: ({ event }) => event.type === 'agent.finished' && event.outcome.kind === 'failed' && event.outcome.retryable,
    stops: ({ event }) => event.type === 'agent.finished' && event.outcome.kind === 'budget',
  },
}).createMachine({
  id: 'agent',
  context: ({ input }) => ({ ...input, job: undefined, waitingFor: undefined, lastOutcome: undefined, failures: 0, activity: undefined }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'agent.assign': [
          { guard: 'needsClaim', target: 'claiming', actions: assign({ job: ({ event }) => event.job, lastOutcome: undefined }) },
          { target: 'working', actions: assign({ job: ({ event }) => event.job, lastOutcome: undefined }) },
        ],
      },
    },
    claiming: {
      invoke: {
        src: 'claim',
        input: ({ context }) => ({ name: context.name, role: context.role, job: context.job! }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'working' },
          { target: 'idle', actions: [assign({ lastOutcome: ({ event }) => ({ kind: 'refused' as const, gate: event.output }) }), sendParent(idleEvent)] },
        ],
        onError: { target: 'idle', actions: [assign({ lastOutcome: ({ event }) => ({ kind: 'failed' as const, reason: String(event.error), retryable: false }) }), sendParent(idleEvent)] },
      },
    },
    working: {
      initial: 'thinking',
      invoke: {
        src: 'work',
        input: ({ context }) => ({ name: context.name, role: context.role, job: context.job! }),
      },
      on: {
        'agent.activity': { actions: assign({ activity: ({ event }) => event.activity }) },
        'agent.finished': [
          { guard: 'retryable', target: 'failed', actions: assign({ lastOutcome: ({ event }) => event.outcome, failures: ({ context }) => context.failures + 1 }) },
          { guard: 'stops', target: 'blocked', actions: [assign({ lastOutcome: ({ event }) => event.outcome }), sendParent(idleEvent)] },
          { target: 'idle', actions: [assign({ lastOutcome: ({ event }) => event.outcome, failures: 0, waitingFor: undefined }), sendParent(idleEvent)] },
        ],
        'agent.cancel': { target: 'idle', actions: [assign({ lastOutcome: { kind: 'cancelled' } }), sendParent(idleEvent)] },
      },
      states: {
        thinking: {
          on: {
            'agent.waiting': { target: 'waitingForJudgment', actions: assign({ waitingFor: ({ event }) => event.judgmentId }) },
            'agent.submitting': 'submitting',
          },
        },
        waitingForJudgment: {
          entry: sendParent(({ context }): AgentWaitEvent => ({ type: 'agent.onJudgment', name: context.name, judgmentId: context.waitingFor ?? '' })),
          exit: sendParent(({ context }): AgentWaitEvent => ({ type: 'agent.offJudgment', name: context.name })),
          on: { 'agent.answered': { target: 'thinking', actions: assign({ waitingFor: undefined }) } },
        },
        submitting: { on: { 'agent.submitted': 'thinking' } },
      },
    },
    failed: {
      after: { backoff: { target: 'idle', actions: sendParent(idleEvent) } },
    },
    blocked: {
      on: { 'agent.unblock': 'idle', 'agent.assign': undefined },
    },
  },
});

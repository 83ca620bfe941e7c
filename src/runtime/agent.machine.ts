// One agent: idle → claiming → working → idle, or blocked (budget) or failed with backoff.
// `working` owns the job's loop: preparing → next (the caps) → turn (a model turn) → tools (a round
// of tool calls, during which the agent may be waitingForJudgment or submitting to the gate) →
// next …, with a loopGuard question when the agent loops, and settling (the task's outcome) at
// the end. Every effect is an invoked actor the runtime provides (agent-logic.ts), and `turn` can
// be replaced by a whole external agent session (same input and output).
import { assign } from 'xstate';
import { agentSetup } from './agent-setup.js';
import { jobStates } from './agent-job-states.js';

export const agentMachine = agentSetup.createMachine({
  id: 'agent',
  context: ({ input }) => ({
    ...input,
    job: undefined,
    waitingFor: undefined,
    lastOutcome: undefined,
    failures: 0,
    controller: undefined,
    work: undefined,
    messages: [],
    inboxSeen: '',
    turns: 0,
    turnRetries: 0,
    nudges: 0,
    loops: undefined,
    calls: { uses: [], inputErrors: new Map() },
    loopReason: undefined,
    request: undefined,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'agent.assign': [
          { guard: 'needsClaim', target: 'claiming', actions: assign({ job: ({ event }) => event.job, lastOutcome: undefined }) },
          { target: 'working', actions: [assign({ job: ({ event }) => event.job, lastOutcome: undefined }), 'startJob'] },
        ],
      },
    },
    claiming: {
      invoke: {
        src: 'claim',
        input: ({ context }) => ({ name: context.name, role: context.role, job: context.job! }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'working', actions: 'startJob' },
          {
            target: 'idle',
            actions: [assign({ lastOutcome: ({ event }) => ({ kind: 'refused' as const, gate: event.output }) }), 'report'],
          },
        ],
        onError: {
          target: 'idle',
          actions: [
            assign({ lastOutcome: ({ event }) => ({ kind: 'failed' as const, reason: String(event.error), retryable: false }) }),
            'report',
          ],
        },
      },
    },
    working: jobStates,
    failed: {
      after: { backoff: { target: 'idle', actions: 'report' } },
    },
    /** The run's budget is spent: this agent takes no more work in this run. */
    blocked: {},
  },
});

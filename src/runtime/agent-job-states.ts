// The job's loop, the `working` state of the agent machine: preparing → next (the caps) → turn (a
// model turn) → quiet (nudge or done) or tools (a round of tool calls, during which the agent may be
// waitingForJudgment or submitting to the gate) → acted → next …, with a loopGuard question when the
// agent loops, and settling (the task's outcome) at the end. Every step is an invoked actor.
import { assign } from 'xstate';
import type { ToolResultBlock } from '../model/types.js';
import type { AgentContext } from './agent-types.js';
import type { AgentOutcome, ToolsOutput, TurnOutput } from './agent-loop.js';
import { overTaskCap, toolUses } from './agent-loop.js';
import { answering, agentSetup } from './agent-setup.js';
import { LoopDetector } from './loop-detector.js';
import { jobView, latestInboxId } from './inbox.js';

const ended = (outcome: (context: AgentContext) => AgentOutcome) => ({
  type: 'end' as const,
  params: ({ context }: { context: AgentContext }) => outcome(context),
});
/** A step that throws ends the job as failed (not retried) without settling its task: the record may be unusable. */
const crash = {
  target: '#agent.idle',
  actions: [{ type: 'crash' as const, params: ({ event }: { event: { error: unknown } }) => event.error }, 'report' as const],
};
const failedTurn = (output: TurnOutput) => (output.ok ? undefined : output.error);

export const jobStates = agentSetup.createStateConfig({
  initial: 'preparing',
  invoke: { src: 'lifetime', input: ({ context }) => ({ controller: context.controller }) },
  states: {
    preparing: {
      invoke: {
        src: 'prepare',
        input: ({ context, self }) => ({
          name: context.name,
          role: context.role,
          job: context.job!,
          signal: context.controller!.signal,
          mailbox: self,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'next',
            actions: assign(({ event }) => {
              const job = event.output.ok ? event.output.job : undefined;
              return {
                work: job,
                messages: [{ role: 'user' as const, content: job?.brief ?? '' }],
                inboxSeen: latestInboxId(jobView(job)),
                loops: job?.guards?.loop ? new LoopDetector(job.guards.loop) : undefined,
              };
            }),
          },
          { target: 'settling', actions: assign({ lastOutcome: ({ event }) => (event.output.ok ? undefined : event.output.outcome) }) },
        ],
        onError: crash,
      },
    },
    next: {
      always: [
        {
          guard: 'overMaxTurns',
          target: 'settling',
          actions: ended((c) =>
            c.work!.isFinished()
              ? { kind: 'finished', turns: c.work!.maxTurns }
              : { kind: 'incomplete', turns: c.work!.maxTurns, reason: `reached max_turns (${c.work!.maxTurns})` },
          ),
        },
        { guard: 'cancelled', target: 'settling', actions: ended(() => ({ kind: 'cancelled' })) },
        {
          guard: 'overBudget',
          target: 'settling',
          actions: ended((c) => {
            const check = c.work!.budget.check();
            return check.ok ? { kind: 'cancelled' } : { kind: 'budget', code: check.code, reason: check.reason, fix: check.fix };
          }),
        },
        {
          guard: 'overTaskCap',
          target: 'settling',
          actions: [
            ({ context }) => context.work!.onActivity?.({ type: 'paused', reason: overTaskCap(context.work!.guards)! }),
            ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: overTaskCap(c.work!.guards)! })),
          ],
        },
        { target: 'turn' },
      ],
    },
    // An external session's tool calls (the claude-code backend) wait on judgments and the gate inside its one long turn.
    turn: {
      ...answering,
      entry: ['deliverMessages', 'compact', 'announceTurn'],
      exit: 'announceTurnEnd',
      invoke: {
        src: 'turn',
        input: ({ context }) => ({ job: context.work!, messages: context.messages, signal: context.work!.signal }),
        onDone: [
          {
            guard: { type: 'turnCancelled', params: ({ event }) => event.output },
            target: 'settling',
            actions: ended(() => ({ kind: 'cancelled' })),
          },
          // The client retries before any text arrives; an error after the text (a cut stream, 529, a timeout) runs the same turn again here.
          {
            guard: { type: 'turnRetryable', params: ({ event }) => event.output },
            target: 'next',
            actions: [
              { type: 'announceRetry', params: ({ event }) => event.output },
              assign({ turnRetries: ({ context }) => context.turnRetries + 1 }),
            ],
          },
          {
            guard: { type: 'modelUnusable', params: ({ event }) => event.output },
            target: 'settling',
            actions: assign({
              lastOutcome: ({ context, event }) => ({
                kind: 'model_failed' as const,
                error: failedTurn(event.output)!,
                model: context.work!.modelName,
              }),
            }),
          },
          {
            guard: { type: 'turnFailed', params: ({ event }) => event.output },
            target: 'settling',
            actions: assign({
              lastOutcome: ({ event }) => ({ kind: 'failed' as const, reason: failedTurn(event.output)!.message, retryable: false }),
            }),
          },
          {
            guard: { type: 'calledTools', params: ({ event }) => event.output },
            target: 'tools',
            actions: assign(({ context, event }) => {
              const content = event.output.ok ? event.output.content : [];
              const calls = {
                uses: toolUses(content),
                inputErrors: event.output.ok ? event.output.inputErrors : new Map<string, string>(),
              };
              return {
                turns: context.turns + 1,
                turnRetries: 0,
                messages: [...context.messages, { role: 'assistant' as const, content }],
                calls,
              };
            }),
          },
          {
            target: 'quiet',
            actions: assign(({ context, event }) => ({
              turns: context.turns + 1,
              turnRetries: 0,
              messages: [...context.messages, { role: 'assistant' as const, content: event.output.ok ? event.output.content : [] }],
            })),
          },
        ],
        onError: crash,
      },
    },
    /** The model stopped talking: finished, out of nudges, or nudged to go on. */
    quiet: {
      always: [
        { guard: 'finishedQuietly', target: 'settling', actions: ended((c) => ({ kind: 'finished', turns: c.turns })) },
        {
          guard: 'outOfNudges',
          target: 'settling',
          actions: ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: 'the agent stopped without finishing its job' })),
        },
        {
          target: 'next',
          actions: assign(({ context }) => ({
            nudges: context.nudges + 1,
            messages: [...context.messages, { role: 'user' as const, content: context.work!.nudge }],
          })),
        },
      ],
    },
    tools: {
      ...answering,
      invoke: {
        src: 'tools',
        input: ({ context }) => ({ job: context.work!, ...context.calls, loops: context.loops }),
        onDone: [
          {
            guard: { type: 'toolsCancelled', params: ({ event }) => event.output },
            target: 'settling',
            actions: ended(() => ({ kind: 'cancelled' })),
          },
          {
            target: 'acted',
            actions: assign(({ context, event }) => ({
              messages: [...context.messages, { role: 'user' as const, content: resultsOf(event.output) }],
              loopReason: event.output.cancelled ? undefined : event.output.loop,
            })),
          },
        ],
        onError: crash,
      },
    },
    /** A round of tool calls is in the conversation: finished, looping, or on to the next turn. */
    acted: {
      always: [
        { guard: 'finished', target: 'settling', actions: ended((c) => ({ kind: 'finished', turns: c.turns })) },
        { guard: 'looping', target: 'loopGuard' },
        { target: 'next' },
      ],
    },
    loopGuard: {
      ...answering,
      invoke: {
        src: 'askAboutLoop',
        input: ({ context }) => ({ job: context.work!, reason: context.loopReason! }),
        onDone: [
          {
            guard: { type: 'stopsAtLoop', params: ({ event }) => event.output },
            target: 'settling',
            actions: ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: `stopped by the loop guard: ${c.loopReason}` })),
          },
          {
            target: 'next',
            actions: [
              ({ context }) => context.loops?.reset(),
              assign(({ context, event }) => ({
                loopReason: undefined,
                messages: event.output.hint
                  ? [...context.messages, { role: 'user' as const, content: `Hint from the human: ${event.output.hint}` }]
                  : context.messages,
              })),
            ],
          },
        ],
        onError: crash,
      },
    },
    settling: {
      invoke: {
        src: 'settle',
        input: ({ context }) => ({
          job: context.work,
          outcome: context.lastOutcome as AgentOutcome,
          // A job that could not be prepared (no worktree) has no `work` to settle through: its task is settled directly.
          unprepared: context.job?.kind === 'work' ? { agent: context.name, taskId: context.job.taskId } : undefined,
        }),
        onDone: [
          { guard: 'retryable', target: '#agent.failed', actions: assign({ failures: ({ context }) => context.failures + 1 }) },
          { guard: 'stops', target: '#agent.blocked', actions: 'report' },
          { target: '#agent.idle', actions: [assign({ failures: 0, waitingFor: undefined }), 'report'] },
        ],
        onError: crash,
      },
    },
  },
});

function resultsOf(output: ToolsOutput): ToolResultBlock[] {
  return output.cancelled ? [] : output.results;
}

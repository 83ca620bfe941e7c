// The agent machine's parts, set up once: its types, the invoked actors (placeholders: the runtime
// provides every one, agent-logic.ts; `turn` can be replaced by a whole external agent session with
// the same input and output), the delays, the named guards and the actions. agent.machine.ts
// assembles the states from them; agent-job-states.ts holds the job's loop.
import { assign, fromCallback, fromPromise, sendParent, setup, type EventObject } from 'xstate';
import type {
  AgentContext,
  AgentEvent,
  AgentIdleEvent,
  AgentMachineInput,
  AgentWaitEvent,
  GateRequest,
  GateRun,
  Prepared,
  PrepareInput,
  Reply,
  WorkInput,
} from './agent-types.js';
import { messageOf } from '../shared/errors.js';
import { endsTheRun, overTaskCap, toolUses, turnCancelled, compacted } from './agent-loop.js';
import type { AgentJob, AgentOutcome, LoopVerdict, ToolsInput, ToolsOutput, TurnInput, TurnOutput } from './agent-loop.js';
import type { GateResult } from '../gates/task-gates.js';
import { jobView, unreadMessages, withMessages } from './inbox.js';

/** How a job ends: through its prepared `job`, or, when it could not be prepared, through the task it was given. */
export interface SettleInput {
  job: AgentJob | undefined;
  outcome: AgentOutcome;
  unprepared: { agent: string; taskId: string } | undefined;
}

/** A job ends when the model stops talking this many times more before it is done. */
const MAX_NUDGES = 2;
/** A retryable model error the client did not retry (it came after the turn's text) runs the same turn again this many times before the run ends. */
const MAX_TURN_RETRIES = 3;
const BACKOFF_MS = (failures: number) => Math.min(30_000, 200 * 2 ** Math.max(0, failures - 1));

const idleEvent = ({ context }: { context: AgentContext }): AgentIdleEvent => ({
  type: 'agent.idle',
  name: context.name,
  job: context.job,
  outcome: context.lastOutcome,
});
const provided = (name: string) => () => Promise.reject(new Error(`the runtime provides the ${name} actor`));

export const agentSetup = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as AgentMachineInput,
  },
  actors: {
    claim: fromPromise<GateResult, WorkInput>(provided('claim')),
    prepare: fromPromise<Prepared, PrepareInput>(provided('prepare')),
    judgment: fromPromise<string, { judgmentId: string }>(provided('judgment')),
    gate: fromPromise<GateRun, GateRequest>(provided('gate')),
    /** One model turn (agent-loop's modelTurn): the seam where a whole external agent session, with the same input and output, can stand in. */
    turn: fromPromise<TurnOutput, TurnInput>(provided('turn')),
    tools: fromPromise<ToolsOutput, ToolsInput>(provided('tools')),
    askAboutLoop: fromPromise<LoopVerdict, { job: AgentJob; reason: string }>(provided('askAboutLoop')),
    settle: fromPromise<void, SettleInput>(provided('settle')),
    /** Lives as long as `working`: leaving it (or stopping the agent) aborts the job. */
    lifetime: fromCallback<EventObject, { controller: AbortController | undefined }>(
      ({ input }) =>
        () =>
          input.controller?.abort(),
    ),
  },
  delays: {
    backoff: ({ context }) => BACKOFF_MS(context.failures),
  },
  guards: {
    needsClaim: ({ event }) => event.type === 'agent.assign' && event.job.kind === 'work',
    overMaxTurns: ({ context }) => context.turns >= context.work!.maxTurns,
    cancelled: ({ context }) => context.work!.signal.aborted,
    overBudget: ({ context }) => !context.work!.budget.check().ok,
    overTaskCap: ({ context }) => overTaskCap(context.work!.guards) !== undefined,
    turnCancelled: ({ context }, output: TurnOutput) => !output.ok && turnCancelled(context.work!, output.error),
    turnRetryable: ({ context }, output: TurnOutput) => !output.ok && output.error.retryable && context.turnRetries < MAX_TURN_RETRIES,
    modelUnusable: (_, output: TurnOutput) => !output.ok && endsTheRun(output.error),
    turnFailed: (_, output: TurnOutput) => !output.ok,
    calledTools: (_, output: TurnOutput) => output.ok && toolUses(output.content).length > 0,
    finishedQuietly: ({ context }) => context.work!.isFinished() || context.work!.quietMeansDone === true,
    outOfNudges: ({ context }) => context.nudges >= MAX_NUDGES,
    toolsCancelled: (_, output: ToolsOutput) => output.cancelled,
    finished: ({ context }) => context.work!.isFinished(),
    looping: ({ context }) => context.loopReason !== undefined && context.loops !== undefined,
    stopsAtLoop: (_, verdict: LoopVerdict) => verdict.stop,
    retryable: ({ context }) => context.lastOutcome?.kind === 'failed' && context.lastOutcome.retryable,
    stops: ({ context }) => context.lastOutcome?.kind === 'budget',
  },
  actions: {
    startJob: assign({
      controller: () => new AbortController(),
      work: undefined,
      messages: [],
      inboxSeen: '',
      turns: 0,
      turnRetries: 0,
      nudges: 0,
      loops: undefined,
      loopReason: undefined,
      request: undefined,
    }),
    /** Messages that reached the agent since its brief or its last turn join the conversation before this turn. */
    deliverMessages: assign(({ context }) => {
      const view = jobView(context.work);
      if (!view) return {};
      const unread = unreadMessages(view, context, context.inboxSeen);
      if (unread.length === 0) return {};
      return { messages: withMessages(context.messages, unread), inboxSeen: unread.at(-1)!.id };
    }),
    compact: assign({ messages: ({ context }) => compacted(context.messages, context.work!.guards) }),
    /** Shows the retry of a turn that failed with a retryable error (attempt counts from 1). */
    announceRetry: ({ context }, output: TurnOutput) => {
      if (!output.ok) context.work!.onActivity?.({ type: 'retry', attempt: context.turnRetries + 1, error: output.error });
    },
    announceTurn: ({ context }) => context.work!.onActivity?.({ type: 'turn', turn: context.turns + 1 }),
    announceTurnEnd: ({ context }) => context.work?.onActivity?.({ type: 'turn.ended', turn: context.turns + 1 }),
    report: sendParent(idleEvent),
    holdRequest: assign(({ event }) =>
      event.type === 'agent.waiting'
        ? { waitingFor: event.judgmentId, request: { kind: 'judgment' as const, judgmentId: event.judgmentId, reply: event.reply } }
        : event.type === 'agent.submitting'
          ? { request: { ...event, kind: 'gate' as const } }
          : {},
    ),
    /** Hands the judgment's answer or the gate's results (or the error) back to the tool call that asked. */
    reply: ({ context }, result: { ok: boolean; value: unknown }) => {
      const reply = context.request?.reply as Reply<unknown> | undefined;
      if (result.ok) reply?.resolve(result.value);
      else reply?.reject(result.value);
    },
    release: assign({ waitingFor: undefined, request: undefined }),
    tellWaiting: sendParent(({ context }): AgentWaitEvent => ({
      type: 'agent.onJudgment',
      name: context.name,
      judgmentId: context.waitingFor ?? '',
    })),
    tellAnswered: sendParent(({ context }): AgentWaitEvent => ({ type: 'agent.offJudgment', name: context.name })),
    end: assign({ lastOutcome: (_, outcome: AgentOutcome) => outcome }),
    crash: assign({
      lastOutcome: (_, error: unknown) => ({ kind: 'failed' as const, reason: messageOf(error), retryable: false }),
      failures: 0,
      waitingFor: undefined,
    }),
  },
});

/** Either way the judgment or the gate ends, its result (or error) goes back to the tool call that asked. */
const repliedTo = {
  onDone: {
    target: 'calling',
    actions: [{ type: 'reply', params: ({ event }: { event: { output: unknown } }) => ({ ok: true, value: event.output }) }, 'release'],
  },
  onError: {
    target: 'calling',
    actions: [{ type: 'reply', params: ({ event }: { event: { error: unknown } }) => ({ ok: false, value: event.error }) }, 'release'],
  },
} as const;

/** The judgment wait and the gate run a tool call (or the loop guard's question) asks for, as child states of the step that asked. */
export const answering = agentSetup.createStateConfig({
  initial: 'calling',
  states: {
    calling: {
      on: {
        'agent.waiting': { target: 'waitingForJudgment', actions: 'holdRequest' },
        'agent.submitting': { target: 'submitting', actions: 'holdRequest' },
      },
    },
    waitingForJudgment: {
      entry: 'tellWaiting',
      exit: 'tellAnswered',
      invoke: {
        src: 'judgment',
        input: ({ context }: { context: AgentContext }) => ({ judgmentId: context.waitingFor ?? '' }),
        ...repliedTo,
      },
    },
    submitting: {
      invoke: {
        src: 'gate',
        input: ({ context }: { context: AgentContext }): GateRequest =>
          context.request?.kind === 'gate' ? context.request : { commands: [] },
        ...repliedTo,
      },
    },
  },
});

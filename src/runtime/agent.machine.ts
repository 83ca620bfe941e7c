import { assign, fromCallback, fromPromise, sendParent, setup, type EventObject } from 'xstate';
import type { ToolResultBlock } from '../model/types.js';
import type { AgentContext, AgentEvent, AgentIdleEvent, AgentMachineInput, AgentWaitEvent, GateRequest, GateRun, Prepared, PrepareInput, Reply, WorkInput } from './agent-types.js';
import { messageOf } from '../shared/errors.js';
import { askAboutLoop, compacted, endsTheRun, modelTurn, overTaskCap, toolCalls, toolUses, turnCancelled } from './agent-loop.js';
import type { AgentJob, AgentOutcome, LoopVerdict, ToolsInput, ToolsOutput, TurnInput, TurnOutput } from './agent-loop.js';
import type { GateResult } from '../gates/task-gates.js';
import { LoopDetector } from './loop-detector.js';

/**
 * One agent: idle → claiming → working → idle, or blocked (budget) or failed with backoff.
 * `working` owns the job's loop: preparing → next (the caps) → turn (a model turn) → tools (a round
 * of tool calls, during which the agent may be waitingForJudgment or submitting to the gate) →
 * next …, with a loopGuard question when the agent loops, and settling (the task's outcome) at
 * the end. Every effect is an invoked actor; the runtime provides claim, prepare, judgment and gate,
 * and `turn` can be replaced by a whole external agent session (same input and output).
 */
export type { AgentContext, AgentEvent, AgentIdleEvent, AgentMachineInput, AgentWaitEvent, GateRequest, Mailbox, PrepareInput, Prepared, Reply, WorkInput, JobSpec } from './agent-types.js';

/** A job ends when the model stops talking this many times more before it is done. */
const MAX_NUDGES = 2;
const BACKOFF_MS = (failures: number) => Math.min(30_000, 200 * 2 ** Math.max(0, failures - 1));

const idleEvent = ({ context }: { context: AgentContext }): AgentIdleEvent => ({ type: 'agent.idle', name: context.name, job: context.job, outcome: context.lastOutcome });
const provided = (name: string) => () => Promise.reject(new Error(`the runtime provides the ${name} actor`));
const ended = (outcome: (context: AgentContext) => AgentOutcome) => ({ type: 'end' as const, params: ({ context }: { context: AgentContext }) => outcome(context) });
/** A step that throws ends the job as failed (not retried) without settling its task: the record may be unusable. */
const crash = { target: '#agent.idle', actions: [{ type: 'crash' as const, params: ({ event }: { event: { error: unknown } }) => event.error }, 'report' as const] };
const failedTurn = (output: TurnOutput) => (output.ok ? undefined : output.error);

/** The judgment wait and the gate run a tool call (or the loop guard's question) asks for, as child states of the step that asked. */
const answering = {
  initial: 'calling',
  states: {
    calling: {
      on: { 'agent.waiting': { target: 'waitingForJudgment', actions: 'holdRequest' }, 'agent.submitting': { target: 'submitting', actions: 'holdRequest' } },
    },
    waitingForJudgment: {
      entry: 'tellWaiting',
      exit: 'tellAnswered',
      invoke: {
        src: 'judgment',
        input: ({ context }: { context: AgentContext }) => ({ judgmentId: context.waitingFor ?? '' }),
        onDone: { target: 'calling', actions: [{ type: 'reply', params: ({ event }: { event: { output: unknown } }) => ({ ok: true, value: event.output }) }, 'release'] },
        onError: { target: 'calling', actions: [{ type: 'reply', params: ({ event }: { event: { error: unknown } }) => ({ ok: false, value: event.error }) }, 'release'] },
      },
    },
    submitting: {
      invoke: {
        src: 'gate',
        input: ({ context }: { context: AgentContext }): GateRequest => (context.request?.kind === 'gate' ? context.request : { commands: [] }),
        onDone: { target: 'calling', actions: [{ type: 'reply', params: ({ event }: { event: { output: unknown } }) => ({ ok: true, value: event.output }) }, 'release'] },
        onError: { target: 'calling', actions: [{ type: 'reply', params: ({ event }: { event: { error: unknown } }) => ({ ok: false, value: event.error }) }, 'release'] },
      },
    },
  },
} as const;

export const agentMachine = setup({
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
    turn: fromPromise<TurnOutput, TurnInput>(({ input }) => modelTurn(input)),
    tools: fromPromise<ToolsOutput, ToolsInput>(({ input }) => toolCalls(input)),
    askAboutLoop: fromPromise<LoopVerdict, { job: AgentJob; reason: string }>(({ input }) => askAboutLoop(input)),
    settle: fromPromise<void, { job: AgentJob | undefined; outcome: AgentOutcome }>(async ({ input }) => input.job?.settle(input.outcome)),
    /** Lives as long as `working`: leaving it (or stopping the agent) aborts the job. */
    lifetime: fromCallback<EventObject, { controller: AbortController | undefined }>(({ input }) => () => input.controller?.abort()),
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
    modelUnusable: (_, output: TurnOutput) => !output.ok && endsTheRun(output.error),
    turnFailed: (_, output: TurnOutput) => !output.ok,
    calledTools: (_, output: TurnOutput) => output.ok && toolUses(output.content).length > 0,
    finishedQuietly: ({ context }) => context.work!.isFinished() || context.work!.quietMeansDone === true,
    outOfNudges: ({ context }) => context.nudges >= MAX_NUDGES,
    toolsCancelled: (_, output: ToolsOutput) => output.cancelled,
    finished: ({ context }) => context.work!.isFinished(),
    looping: (_, output: ToolsOutput) => !output.cancelled && output.loop !== undefined && output.loop !== '',
    stopsAtLoop: (_, verdict: LoopVerdict) => verdict.stop,
    retryable: ({ context }) => context.lastOutcome?.kind === 'failed' && context.lastOutcome.retryable,
    stops: ({ context }) => context.lastOutcome?.kind === 'budget',
  },
  actions: {
    startJob: assign({ controller: () => new AbortController(), work: undefined, messages: [], turns: 0, nudges: 0, loops: undefined, loopReason: undefined, request: undefined }),
    compact: assign({ messages: ({ context }) => compacted(context.messages, context.work!.guards) }),
    announceTurn: ({ context }) => context.work!.onActivity?.({ type: 'turn', turn: context.turns + 1 }),
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
    tellWaiting: sendParent(({ context }): AgentWaitEvent => ({ type: 'agent.onJudgment', name: context.name, judgmentId: context.waitingFor ?? '' })),
    tellAnswered: sendParent(({ context }): AgentWaitEvent => ({ type: 'agent.offJudgment', name: context.name })),
    end: assign({ lastOutcome: (_, outcome: AgentOutcome) => outcome }),
    crash: assign({ lastOutcome: (_, error: unknown) => ({ kind: 'failed' as const, reason: messageOf(error), retryable: false }), failures: 0, waitingFor: undefined }),
  },
}).createMachine({
  id: 'agent',
  context: ({ input }) => ({ ...input, job: undefined, waitingFor: undefined, lastOutcome: undefined, failures: 0, controller: undefined, work: undefined, messages: [], turns: 0, nudges: 0, loops: undefined, calls: { uses: [], inputErrors: new Map() }, loopReason: undefined, request: undefined }),
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
          { target: 'idle', actions: [assign({ lastOutcome: ({ event }) => ({ kind: 'refused' as const, gate: event.output }) }), 'report'] },
        ],
        onError: { target: 'idle', actions: [assign({ lastOutcome: ({ event }) => ({ kind: 'failed' as const, reason: String(event.error), retryable: false }) }), 'report'] },
      },
    },
    working: {
      initial: 'preparing',
      invoke: { src: 'lifetime', input: ({ context }) => ({ controller: context.controller }) },
      states: {
        preparing: {
          invoke: {
            src: 'prepare',
            input: ({ context, self }) => ({ name: context.name, role: context.role, job: context.job!, signal: context.controller!.signal, mailbox: self }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'next',
                actions: assign(({ event }) => {
                  const job = event.output.ok ? event.output.job : undefined;
                  return { work: job, messages: [{ role: 'user' as const, content: job?.brief ?? '' }], loops: job?.guards?.loop ? new LoopDetector(job.guards.loop) : undefined };
                }),
              },
              { target: 'settling', actions: assign({ lastOutcome: ({ event }) => (event.output.ok ? undefined : event.output.outcome) }) },
            ],
            onError: crash,
          },
        },
        next: {
          always: [
            { guard: 'overMaxTurns', target: 'settling', actions: ended((c) => (c.work!.isFinished() ? { kind: 'finished', turns: c.work!.maxTurns } : { kind: 'incomplete', turns: c.work!.maxTurns, reason: `reached max_turns (${c.work!.maxTurns})` })) },
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
              actions: [({ context }) => context.work!.onActivity?.({ type: 'paused', reason: overTaskCap(context.work!.guards)! }), ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: overTaskCap(c.work!.guards)! }))],
            },
            { target: 'turn' },
          ],
        },
        turn: {
          entry: ['compact', 'announceTurn'],
          invoke: {
            src: 'turn',
            input: ({ context }) => ({ job: context.work!, messages: context.messages, signal: context.work!.signal }),
            onDone: [
              { guard: { type: 'turnCancelled', params: ({ event }) => event.output }, target: 'settling', actions: ended(() => ({ kind: 'cancelled' })) },
              { guard: { type: 'modelUnusable', params: ({ event }) => event.output }, target: 'settling', actions: assign({ lastOutcome: ({ context, event }) => ({ kind: 'model_failed' as const, error: failedTurn(event.output)!, model: context.work!.modelName }) }) },
              { guard: { type: 'turnFailed', params: ({ event }) => event.output }, target: 'settling', actions: assign({ lastOutcome: ({ event }) => ({ kind: 'failed' as const, reason: failedTurn(event.output)!.message, retryable: false }) }) },
              {
                guard: { type: 'calledTools', params: ({ event }) => event.output },
                target: 'tools',
                actions: assign(({ context, event }) => {
                  const content = event.output.ok ? event.output.content : [];
                  const calls = { uses: toolUses(content), inputErrors: event.output.ok ? event.output.inputErrors : new Map<string, string>() };
                  return { turns: context.turns + 1, messages: [...context.messages, { role: 'assistant' as const, content }], calls };
                }),
              },
              { target: 'quiet', actions: assign(({ context, event }) => ({ turns: context.turns + 1, messages: [...context.messages, { role: 'assistant' as const, content: event.output.ok ? event.output.content : [] }] })) },
            ],
            onError: crash,
          },
        },
        /** The model stopped talking: finished, out of nudges, or nudged to go on. */
        quiet: {
          always: [
            { guard: 'finishedQuietly', target: 'settling', actions: ended((c) => ({ kind: 'finished', turns: c.turns })) },
            { guard: 'outOfNudges', target: 'settling', actions: ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: 'the agent stopped without finishing its job' })) },
            { target: 'next', actions: assign(({ context }) => ({ nudges: context.nudges + 1, messages: [...context.messages, { role: 'user' as const, content: context.work!.nudge }] })) },
          ],
        },
        tools: {
          ...answering,
          invoke: {
            src: 'tools',
            input: ({ context }) => ({ job: context.work!, ...context.calls, loops: context.loops }),
            onDone: [
              { guard: { type: 'toolsCancelled', params: ({ event }) => event.output }, target: 'settling', actions: ended(() => ({ kind: 'cancelled' })) },
              { target: 'acted', actions: assign(({ context, event }) => ({ messages: [...context.messages, { role: 'user' as const, content: resultsOf(event.output) }], loopReason: event.output.cancelled ? undefined : event.output.loop })) },
            ],
            onError: crash,
          },
        },
        /** A round of tool calls is in the conversation: finished, looping, or on to the next turn. */
        acted: {
          always: [
            { guard: 'finished', target: 'settling', actions: ended((c) => ({ kind: 'finished', turns: c.turns })) },
            { guard: ({ context }) => context.loopReason !== undefined && context.loops !== undefined, target: 'loopGuard' },
            { target: 'next' },
          ],
        },
        loopGuard: {
          ...answering,
          invoke: {
            src: 'askAboutLoop',
            input: ({ context }) => ({ job: context.work!, reason: context.loopReason! }),
            onDone: [
              { guard: { type: 'stopsAtLoop', params: ({ event }) => event.output }, target: 'settling', actions: ended((c) => ({ kind: 'incomplete', turns: c.turns, reason: `stopped by the loop guard: ${c.loopReason}` })) },
              {
                target: 'next',
                actions: [
                  ({ context }) => context.loops?.reset(),
                  assign(({ context, event }) => ({ loopReason: undefined, messages: event.output.hint ? [...context.messages, { role: 'user' as const, content: `Hint from the human: ${event.output.hint}` }] : context.messages })),
                ],
              },
            ],
            onError: crash,
          },
        },
        settling: {
          invoke: {
            src: 'settle',
            input: ({ context }) => ({ job: context.work, outcome: context.lastOutcome as AgentOutcome }),
            onDone: [
              { guard: 'retryable', target: '#agent.failed', actions: assign({ failures: ({ context }) => context.failures + 1 }) },
              { guard: 'stops', target: '#agent.blocked', actions: 'report' },
              { target: '#agent.idle', actions: [assign({ failures: 0, waitingFor: undefined }), 'report'] },
            ],
            onError: crash,
          },
        },
      },
    },
    failed: {
      after: { backoff: { target: 'idle', actions: 'report' } },
    },
    /** The run's budget is spent: this agent takes no more work in this run. */
    blocked: {},
  },
});

function resultsOf(output: ToolsOutput): ToolResultBlock[] {
  return output.cancelled ? [] : output.results;
}

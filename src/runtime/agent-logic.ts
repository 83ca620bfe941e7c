// The agent machine as the runtime runs it: its actors provided from the job services, every step
// tracked in `inflight` so a run that ends lets them settle before it closes the record; and one job
// run alone under a small parent (the auditor's), outside the coordinator.
import { assign, createActor, fromPromise, sendTo, setup, toPromise, type ActorRefFrom, type PromiseActorLogic } from 'xstate';
import { askAboutLoop, modelTurn, toolCalls, type AgentOutcome } from './agent-loop.js';
import { agentMachine } from './agent.machine.js';
import type { AgentIdleEvent, AgentMachineInput, AgentWaitEvent, JobSpec } from './agent-types.js';
import { claimJob, prepareJob, runGateFor, settleTask, type JobServices } from './jobs.js';

export type AgentLogic = typeof agentMachine;

export function agentLogic(services: JobServices, inflight: Set<Promise<unknown>>): AgentLogic {
  const tracked = <O, I>(run: (args: { input: I; signal: AbortSignal }) => Promise<O>): PromiseActorLogic<O, I> =>
    fromPromise<O, I>((args) => {
      const step = run(args);
      const settled = step.catch(() => undefined);
      inflight.add(settled);
      void settled.finally(() => inflight.delete(settled));
      return step;
    });
  const runGate = runGateFor(services);
  return agentMachine.provide({
    actors: {
      claim: tracked(({ input }) => claimJob(services, input)),
      prepare: tracked(({ input }) => prepareJob(services, input)),
      judgment: tracked(({ input, signal }) => services.judgments.await(input.judgmentId, signal)),
      // A stopped machine hands on no result: the run (its commands killed by the request's signal) answers the tool call itself, which records it.
      gate: tracked(({ input, signal }) => {
        const run = runGate(input);
        run.then(
          (value) => signal.aborted && input.reply?.resolve(value),
          (error: unknown) => signal.aborted && input.reply?.reject(error),
        );
        return run;
      }),
      turn: tracked(({ input }) => (input.job.turn ?? modelTurn)(input)),
      tools: tracked(({ input }) => toolCalls(input)),
      askAboutLoop: tracked(({ input }) => askAboutLoop(input)),
      settle: tracked(async ({ input }) =>
        input.job
          ? input.job.settle(input.outcome)
          : input.unprepared && settleTask(services, input.unprepared.agent, input.unprepared.taskId, input.outcome),
      ),
    },
  });
}

/**
 * After a stop: every job that was working and has not settled is settled as `cancelled` (its task
 * goes back to the queue), as the old loop did when a step came back to a stopped run. A prepared
 * job's settle acts once (an outcome already settled wins); a job stopped while it was being
 * prepared settles its task directly. Call it once the in-flight steps have finished.
 */
export async function settleStopped(s: JobServices, agents: Iterable<ActorRefFrom<AgentLogic>>): Promise<void> {
  const cancelled: AgentOutcome = { kind: 'cancelled' };
  const settling = [...agents].map((ref) => {
    const { context } = ref.getSnapshot();
    if (!ref.getSnapshot().matches('working') || context.job?.kind !== 'work') return Promise.resolve();
    return context.work ? context.work.settle(cancelled) : settleTask(s, context.name, context.job.taskId, cancelled);
  });
  await Promise.allSettled(settling);
}

/** Runs one job (no claim) on its own agent machine and resolves with its outcome; `signal` stops it, as `cancelled`. */
export async function runJobAlone(
  logic: AgentLogic,
  agent: AgentMachineInput,
  job: JobSpec,
  inflight: Set<Promise<unknown>>,
  signal?: AbortSignal,
): Promise<AgentOutcome> {
  const parent = setup({
    types: {
      context: {} as { outcome: AgentIdleEvent['outcome'] },
      events: {} as AgentIdleEvent | AgentWaitEvent,
      output: {} as { outcome: AgentIdleEvent['outcome'] },
    },
    actors: { agent: logic },
  }).createMachine({
    context: { outcome: undefined },
    invoke: { id: 'agent', src: 'agent', input: agent },
    entry: sendTo('agent', { type: 'agent.assign', job }),
    initial: 'running',
    states: {
      running: { on: { 'agent.idle': { target: 'done', actions: assign({ outcome: ({ event }) => event.outcome }) } } },
      done: { type: 'final' },
    },
    output: ({ context }) => ({ outcome: context.outcome }),
  });
  if (signal?.aborted) return { kind: 'cancelled' };
  const actor = createActor(parent);
  let forget: () => void = () => undefined;
  const stopped = new Promise<AgentOutcome>((resolve) => {
    const stop = () => {
      actor.stop();
      void Promise.allSettled([...inflight]).then(() => resolve({ kind: 'cancelled' }));
    };
    signal?.addEventListener('abort', stop, { once: true });
    forget = () => signal?.removeEventListener('abort', stop);
  });
  actor.start();
  const outcome = await Promise.race([toPromise(actor).then((o) => o.outcome), stopped]).finally(forget);
  if (outcome === undefined) return { kind: 'failed', reason: 'the job ended without an outcome', retryable: false };
  return outcome.kind === 'refused'
    ? { kind: 'failed', reason: outcome.gate.ok ? 'refused' : outcome.gate.reason, retryable: false }
    : outcome;
}

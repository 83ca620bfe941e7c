import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createActor, fromPromise, setup, waitFor, sendTo } from 'xstate';
import type {
  AgentActivity,
  AgentJob,
  AgentOutcome,
  LoopVerdict,
  ToolsInput,
  ToolsOutput,
  TurnInput,
  TurnOutput,
} from '../../src/runtime/agent-loop.js';
import { agentMachine } from '../../src/runtime/agent.machine.js';
import type { AgentIdleEvent, GateRequest, Mailbox, PrepareInput, Prepared, WorkInput } from '../../src/runtime/agent-types.js';
import { agentStatus } from '../../src/runtime/agent-status.js';
import type { GateResult } from '../../src/gates/task-gates.js';
import type { SettleInput } from '../../src/runtime/agent-setup.js';
import { emptyUsage } from '../../src/model/usage.js';

const usage = emptyUsage();
const say = (text: string): TurnOutput => ({ ok: true, content: [{ type: 'text', text }], inputErrors: new Map(), usage });
const call = (name: string): TurnOutput => ({
  ok: true,
  content: [{ type: 'tool_use', id: `u-${name}`, name, input: {} }],
  inputErrors: new Map(),
  usage,
});

interface Fakes {
  claim?: GateResult;
  turns: TurnOutput[];
  /** What the tool round does with the machine (ask a judgment, run the gate) before it returns. */
  tools?: (mailbox: Mailbox, input: ToolsInput) => Promise<ToolsOutput>;
  finished?: () => boolean;
  budgetOk?: boolean;
  maxTurns?: number;
  prepared?: Prepared;
  loopGuard?: boolean;
  loopAnswer?: LoopVerdict;
  /** Provide only claim and prepare: the machine's own defaults for the steps. */
  bare?: boolean;
}

/** A parent that records what the agent tells it, and an agent whose every effect is a fake. */
function harness(f: Fakes) {
  const seen: { turns: TurnInput[]; settled: string[]; asked: string[]; activity: AgentActivity[]; mailbox?: Mailbox } = {
    turns: [],
    settled: [],
    asked: [],
    activity: [],
  };
  const job = (input: PrepareInput): AgentJob => {
    seen.mailbox = input.mailbox;
    // A fake job: only the fields the machine reads are real; the model, tools and prices belong to the real turn and tool actors.
    return {
      brief: 'do T-1',
      nudge: 'go on',
      modelName: 'fake',
      maxTurns: f.maxTurns ?? 10,
      signal: input.signal,
      isFinished: f.finished ?? (() => false),
      budget: {
        check: () => (f.budgetOk === false ? { ok: false, code: 'budget.usd_reached', reason: 'spent', fix: 'raise' } : { ok: true }),
      },
      settle: async (outcome: { kind: string }) => void seen.settled.push(outcome.kind),
      onActivity: (activity: AgentActivity) => void seen.activity.push(activity),
      ...(f.loopGuard ? { guards: { loop: { repeat: 3, idleTurns: 6 } } } : {}),
    } as unknown as AgentJob;
  };
  const claim = fromPromise<GateResult, WorkInput>(async () => f.claim ?? { ok: true });
  const prepare = fromPromise<Prepared, PrepareInput>(async ({ input }) => f.prepared ?? { ok: true, job: job(input) });
  const logic = f.bare
    ? agentMachine.provide({ actors: { claim, prepare } })
    : agentMachine.provide({
        actors: {
          claim,
          prepare,
          turn: fromPromise<TurnOutput, TurnInput>(async ({ input }) => {
            seen.turns.push(input);
            return f.turns.shift() ?? say('nothing more');
          }),
          tools: fromPromise<ToolsOutput, ToolsInput>(({ input }) =>
            f.tools ? f.tools(seen.mailbox!, input) : Promise.resolve({ cancelled: false, results: [], loop: undefined }),
          ),
          askAboutLoop: fromPromise<LoopVerdict, { job: AgentJob; reason: string }>(async ({ input }) => {
            seen.asked.push(input.reason);
            return f.loopAnswer ?? { stop: true };
          }),
          settle: fromPromise<void, SettleInput>(async ({ input }) => input.job?.settle(input.outcome)),
          judgment: fromPromise<string, { judgmentId: string }>(async () => 'yes'),
          gate: fromPromise<{ command: string; exitCode: number; outputTail: string }[], GateRequest>(async ({ input }) =>
            input.commands.map((command) => ({ command, exitCode: 0, outputTail: '' })),
          ),
        },
        delays: { backoff: 1 },
      });
  const parent = setup({
    types: { context: {} as { told: AgentIdleEvent[] }, events: {} as AgentIdleEvent | { type: 'go' } },
    actors: { agent: logic },
  }).createMachine({
    context: { told: [] },
    invoke: { id: 'agent', src: 'agent', input: { name: 'implementer', role: 'implementer' } },
    on: {
      'agent.idle': { actions: ({ context, event }) => void context.told.push(event) },
      go: { actions: sendTo('agent', { type: 'agent.assign', job: { kind: 'work', taskId: 'T-1' } }) },
    },
  });
  const actor = createActor(parent).start();
  const agent = actor.getSnapshot().children.agent!;
  const told = async () => (await waitFor(actor, (s) => s.context.told.length === 1)).context.told[0]!.outcome;
  return { actor, agent, seen, told };
}

test('agent: a tool round waits for a judgment and submits to the gate through the machine, then the finished guard ends the job', async () => {
  let done = false;
  const statuses: string[] = [];
  const h = harness({
    turns: [call('complete_task')],
    finished: () => done,
    tools: async (mailbox) => {
      const answer = await new Promise<string>((resolve, reject) =>
        mailbox.send({ type: 'agent.waiting', judgmentId: 'J-1', reply: { resolve, reject } }),
      );
      const gate = await new Promise<{ exitCode: number }[]>((resolve, reject) =>
        mailbox.send({ type: 'agent.submitting', commands: ['npm test'], reply: { resolve, reject } }),
      );
      done = answer === 'yes' && gate[0]?.exitCode === 0;
      return { cancelled: false, results: [], loop: undefined };
    },
  });
  h.agent.subscribe((s) => {
    const status = agentStatus(s);
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  h.actor.send({ type: 'go' });
  assert.deepEqual(await h.told(), { kind: 'finished', turns: 1 });
  assert.deepEqual(statuses, ['claiming', 'thinking', 'waitingForJudgment', 'thinking', 'submitting', 'thinking', 'idle']);
  assert.deepEqual(h.seen.settled, ['finished']);
  assert.equal(h.seen.turns[0]?.messages[0]?.content, 'do T-1');
});

test('agent: a model that stops talking is nudged twice, then the job is incomplete', async () => {
  const h = harness({ turns: [say('a'), say('b'), say('c')] });
  h.actor.send({ type: 'go' });
  assert.deepEqual(await h.told(), { kind: 'incomplete', turns: 3, reason: 'the agent stopped without finishing its job' });
  assert.deepEqual(
    h.seen.turns[2]?.messages.map((m) => m.role),
    ['user', 'assistant', 'user', 'assistant', 'user'],
  );
  assert.equal(h.seen.turns[2]?.messages.at(-1)?.content, 'go on');
});

test('agent: the max_turns cap and the budget end the job before another turn; a budget stop blocks the agent', async () => {
  const capped = harness({ turns: [call('read_file'), call('read_file')], maxTurns: 2 });
  capped.actor.send({ type: 'go' });
  assert.deepEqual(await capped.told(), { kind: 'incomplete', turns: 2, reason: 'reached max_turns (2)' });

  const broke = harness({ turns: [], budgetOk: false });
  broke.actor.send({ type: 'go' });
  assert.equal((await broke.told())?.kind, 'budget');
  assert.equal(broke.seen.turns.length, 0);
  assert.equal(agentStatus(broke.agent.getSnapshot()), 'blocked');
  broke.agent.send({ type: 'agent.assign', job: { kind: 'review', taskId: 'T-2' } });
  assert.equal(agentStatus(broke.agent.getSnapshot()), 'blocked');
});

test('agent: a retryable model error after the turn streamed runs the same turn again three times (each shown), then ends the run (model_failed)', async () => {
  const cut: TurnOutput = { ok: false, error: { kind: 'stream_cut', message: 'the stream was cut', retryable: true, attempts: 1 }, usage };
  const h = harness({ turns: [cut, cut, cut, cut] });
  h.actor.send({ type: 'go' });
  const outcome = await h.told();
  assert.equal(outcome?.kind, 'model_failed');
  assert.equal(h.seen.turns.length, 4);
  assert.deepEqual(
    h.seen.activity.map((a) => (a.type === 'retry' ? `retry ${a.attempt}` : a.type === 'turn' ? `turn ${a.turn}` : a.type)),
    // Each attempt's end is announced (the TUI drops its streaming cursor), then its retry.
    ['turn 1', 'turn.ended', 'retry 1', 'turn 1', 'turn.ended', 'retry 2', 'turn 1', 'turn.ended', 'retry 3', 'turn 1', 'turn.ended'],
  );
  assert.deepEqual(h.seen.settled, ['model_failed']);
});

test('agent: a turn that succeeds resets the turn retries; the retried turn keeps its number and the conversation', async () => {
  const cut: TurnOutput = { ok: false, error: { kind: 'overloaded', message: 'overloaded', retryable: true, attempts: 1 }, usage };
  const h = harness({ turns: [cut, cut, cut, call('read_file'), cut, cut, cut, say('done')], finished: () => false, maxTurns: 3 });
  h.actor.send({ type: 'go' });
  const outcome = await h.told();
  assert.equal(outcome?.kind, 'incomplete');
  assert.equal(h.seen.turns.length, 9);
  assert.deepEqual(
    h.seen.turns[3]?.messages.map((m) => m.role),
    ['user'],
  );
  assert.deepEqual(
    h.seen.activity.filter((a) => a.type === 'retry').map((a) => (a.type === 'retry' ? a.attempt : 0)),
    [1, 2, 3, 1, 2, 3],
  );
  assert.deepEqual(
    h.seen.activity.filter((a) => a.type === 'turn').map((a) => (a.type === 'turn' ? a.turn : 0)),
    [1, 1, 1, 1, 2, 2, 2, 2, 3],
  );
});

test('agent: the steps are placeholders the runtime must provide: an unprovided turn fails the job, it does not call a model', async () => {
  const h = harness({ turns: [], bare: true });
  h.actor.send({ type: 'go' });
  const outcome = await h.told();
  assert.equal(outcome?.kind, 'failed');
  assert.match(outcome?.kind === 'failed' ? outcome.reason : '', /the runtime provides the turn actor/);
});

test('agent: a refused claim goes back to idle with the refusal; a retryable failure backs off first', async () => {
  const refused = harness({ claim: { ok: false, code: 'deps-not-done', reason: 'T-1 depends on T-0', fix: 'finish T-0' }, turns: [] });
  refused.actor.send({ type: 'go' });
  const outcome = await refused.told();
  assert.equal(outcome?.kind === 'refused' && !outcome.gate.ok ? outcome.gate.code : '', 'deps-not-done');

  const flaky = harness({ turns: [], prepared: { ok: false, outcome: { kind: 'failed', reason: 'overloaded', retryable: true } } });
  flaky.actor.send({ type: 'go' });
  await flaky.told();
  assert.equal(flaky.agent.getSnapshot().context.failures, 1);
  assert.equal(agentStatus(flaky.agent.getSnapshot()), 'idle');
});

test('agent: a looping agent is asked; "stop" ends the job, a hint goes into the conversation and the job goes on', async () => {
  const loop = 'read_file was called 3 times with the same input';
  const looping = async (): Promise<ToolsOutput> => ({ cancelled: false, results: [], loop });
  const stopped = harness({ turns: [call('read_file')], tools: looping, loopGuard: true });
  stopped.actor.send({ type: 'go' });
  assert.deepEqual(await stopped.told(), { kind: 'incomplete', turns: 1, reason: `stopped by the loop guard: ${loop}` });
  assert.deepEqual(stopped.seen.asked, [loop]);

  const hinted = harness({
    turns: [call('read_file')],
    tools: looping,
    loopGuard: true,
    loopAnswer: { stop: false, hint: 'read the README' },
  });
  hinted.actor.send({ type: 'go' });
  await hinted.told();
  assert.equal(hinted.seen.turns[1]?.messages.at(-1)?.content, 'Hint from the human: read the README');
});

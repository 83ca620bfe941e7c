import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createActor, fromCallback, fromPromise, setup, waitFor, sendTo } from 'xstate';
import type { AgentOutcome } from '../../src/runtime/agent-loop.js';
import { agentMachine, type AgentEvent, type AgentIdleEvent, type WorkInput } from '../../src/runtime/agent.machine.js';
import type { GateResult } from '../../src/gates/task-gates.js';

/** A parent that records what the agent tells it, so sendParent has somewhere to go. */
function harness(claim: GateResult, script: (sendBack: (e: AgentEvent) => void, finish: (o: AgentOutcome) => void) => void) {
  const logic = agentMachine.provide({
    actors: {
      claim: fromPromise<GateResult, WorkInput>(async () => claim),
      work: fromCallback<AgentEvent, WorkInput>(({ sendBack }) => {
        script(sendBack, (outcome) => sendBack({ type: 'agent.finished', outcome }));
      }),
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
  return createActor(parent).start();
}

test('agent: claims, works, waits for a judgment, submits, and reports back idle', async () => {
  let send!: (e: AgentEvent) => void;
  let finish!: (o: AgentOutcome) => void;
  const actor = harness({ ok: true }, (s, f) => {
    send = s;
    finish = f;
  });
  const agent = () => actor.getSnapshot().children.agent!;
  actor.send({ type: 'go' });
  await waitFor(agent(), (s) => s.matches({ working: 'thinking' }));
  send({ type: 'agent.waiting', judgmentId: 'J-1' });
  await waitFor(agent(), (s) => s.matches({ working: 'waitingForJudgment' }));
  assert.equal(agent().getSnapshot().context.waitingFor, 'J-1');
  send({ type: 'agent.answered' });
  send({ type: 'agent.submitting' });
  await waitFor(agent(), (s) => s.matches({ working: 'submitting' }));
  send({ type: 'agent.submitted' });
  finish({ kind: 'finished', turns: 3 });
  await waitFor(actor, (s) => s.context.told.length === 1);
  assert.equal(actor.getSnapshot().context.told[0]?.outcome?.kind, 'finished');
  assert.ok(agent().getSnapshot().matches('idle'));
});

test('agent: a refused claim goes back to idle with the refusal; a retryable failure backs off first', async () => {
  const refused = harness({ ok: false, code: 'deps-not-done', reason: 'T-1 depends on T-0', fix: 'finish T-0' }, () => undefined);
  refused.send({ type: 'go' });
  await waitFor(refused, (s) => s.context.told.length === 1);
  const outcome = refused.getSnapshot().context.told[0]?.outcome;
  assert.equal(outcome?.kind === 'refused' && !outcome.gate.ok ? outcome.gate.code : '', 'deps-not-done');

  const flaky = harness({ ok: true }, (_s, finish) => finish({ kind: 'failed', reason: 'overloaded', retryable: true }));
  flaky.send({ type: 'go' });
  const agent = flaky.getSnapshot().children.agent!;
  await waitFor(flaky, (s) => s.context.told.length === 1);
  assert.equal(agent.getSnapshot().context.failures, 1);
  assert.ok(agent.getSnapshot().matches('idle'));
});

test('agent: a budget stop blocks the agent until it is unblocked', async () => {
  const actor = harness({ ok: true }, (_s, finish) => finish({ kind: 'budget', code: 'budget.usd_reached', reason: 'spent', fix: 'raise' }));
  actor.send({ type: 'go' });
  const agent = actor.getSnapshot().children.agent!;
  await waitFor(agent, (s) => s.matches('blocked'));
  agent.send({ type: 'agent.unblock' });
  await waitFor(agent, (s) => s.matches('idle'));
});

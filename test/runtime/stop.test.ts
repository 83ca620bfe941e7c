import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { sessionOf } from '../../src/app/session.js';
import type { ModelClient, ModelEvent, TurnRequest } from '../../src/model/types.js';
import { emptyUsage } from '../../src/model/usage.js';
import { prepareJob } from '../../src/runtime/jobs.js';
import type { AgentEvent } from '../../src/runtime/agent-types.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

// A stop, at the runtime: real LevelDB workspace, a tiny fake model.

/** A model that says one thing per turn; `ignoresStop` turns finish only after the run was stopped, as if the signal were not there. */
class FakeModel implements ModelClient {
  readonly provider = 'fake';
  readonly defaultModel = 'fake';
  turns = 0;
  constructor(private readonly onTurn: (request: TurnRequest) => Promise<void> = async () => undefined) {}
  async *stream(request: TurnRequest): AsyncIterable<ModelEvent> {
    this.turns += 1;
    await this.onTurn(request);
    yield { type: 'text.delta', index: 0, text: 'done anyway' };
    yield {
      type: 'turn.completed',
      message: {
        id: `m-${this.turns}`,
        role: 'assistant',
        model: 'fake',
        content: [{ type: 'text', text: 'done anyway' }],
        stopReason: 'end_turn',
        usage: emptyUsage(),
        toolInputErrors: [],
      },
    };
  }
}

async function workspaceWithTask() {
  const t = await tempDir('crucible-stop-');
  await initWorkspace(t.dir);
  const ws = await openWorkspace({ dir: t.dir });
  await ws.store.append({ type: 'task.created', actor: 'human', data: { title: 'Hold on', role: 'implementer', acceptance: ['holds'] } });
  return { ...t, ws, session: sessionOf(ws) };
}

test('a stop whose turn finishes as if nothing stopped it still gives the task back (task.released, cancelled; ready)', async () => {
  const { ws, session, cleanup } = await workspaceWithTask();
  try {
    const stop = new AbortController();
    const model = new FakeModel(async (request) => {
      // The stop lands during the turn; the turn ignores its signal and completes a moment later.
      stop.abort();
      assert.ok(request.signal);
      await sleep(100);
    });
    const runtime = await session.runtime(model, { signal: stop.signal, search: false });
    const summary = await runtime.run();
    assert.equal(summary.state, 'cancelled');
    assert.equal(model.turns, 1);
    assert.equal(ws.store.view.get('tasks', 'T-1')?.status, 'ready');
    const released: string[] = [];
    for await (const e of ws.store.read()) if (e.type === 'task.released') released.push(`${e.data.id}:${e.data.reason}`);
    assert.deepEqual(released, ['T-1:cancelled']);
  } finally {
    await session.close();
    await cleanup();
  }
});

test('gate runs, judgment waits and audits leave no abort listeners behind on the job and run signals', async () => {
  const { ws, session, cleanup } = await workspaceWithTask();
  try {
    const runSignal = new AbortController();
    const runtime = await session.runtime(new FakeModel(), { signal: runSignal.signal, search: false });
    const job = new AbortController();
    // A mailbox that answers at once, as the machine does once the gate or the judgment is done.
    const mailbox = {
      send: (e: AgentEvent) =>
        e.type === 'agent.submitting' ? e.reply.resolve([]) : e.type === 'agent.waiting' ? e.reply.resolve('yes') : undefined,
    };
    const prepared = await prepareJob(runtime.services, {
      name: 'implementer',
      role: 'implementer',
      job: { kind: 'work', taskId: 'T-1' },
      signal: job.signal,
      mailbox,
    });
    assert.ok(prepared.ok);
    for (let i = 0; i < 12; i++) {
      await prepared.job.tools.runGate!(['true'], job.signal);
      await prepared.job.tools.awaitJudgment!('J-1', job.signal);
    }
    assert.ok(
      getEventListeners(job.signal, 'abort').length <= 1,
      `${getEventListeners(job.signal, 'abort').length} listeners on the job's signal`,
    );
    for (let i = 0; i < 3; i++) assert.equal((await runtime.audit('no findings')).kind, 'finished');
    assert.equal(getEventListeners(runSignal.signal, 'abort').length, 0);
    assert.equal(ws.store.view.get('tasks', 'T-1')?.status, 'ready');
  } finally {
    await session.close();
    await cleanup();
  }
});

// A message the human sends an agent while it works (the TUI's prompt line calls the same operation) reaches the
// agent's next model turn: asserted on the very request the model receives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localCaller, sendMessageOp } from '../../src/app/operations/index.js';
import { workspaceServices } from '../../src/app/services.js';
import { sessionOf } from '../../src/app/session.js';
import { parseScript } from '../../src/model/script.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import type { ModelClient, ModelEvent, TurnRequest } from '../../src/model/types.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

const script = parseScript({
  version: 1,
  roles: {
    planner: [
      { text: 'Recording the requirement.', tools: [{ name: 'add_requirement', input: { text: 'Slugs are lower case' } }] },
      { text: 'Done.' },
    ],
  },
});

/** The scripted model, keeping every request; during its first turn the human sends the planner a message. */
class SteeredModel implements ModelClient {
  readonly provider = 'scripted';
  readonly requests: TurnRequest[] = [];
  readonly #inner = new ScriptedModel(script);
  readonly defaultModel = this.#inner.defaultModel;
  constructor(private readonly duringFirstTurn: () => Promise<unknown>) {}
  async *stream(request: TurnRequest): AsyncIterable<ModelEvent> {
    this.requests.push(structuredClone({ ...request, signal: undefined }));
    if (this.requests.length === 1) await this.duringFirstTurn();
    yield* this.#inner.stream(request);
  }
}

const said = (request: TurnRequest) => JSON.stringify(request.messages);

test("the human's message to an agent at work reaches its next model turn, once, and is recorded", async () => {
  const { dir, cleanup } = await tempDir('crucible-steer-');
  let ws: Workspace | undefined;
  try {
    await initWorkspace(dir);
    ws = await openWorkspace({ dir });
    const open = ws;
    const human = localCaller({ ws: open, services: workspaceServices(open), actor: 'human' });
    const model = new SteeredModel(() => human.call(sendMessageOp, { to: 'planner', text: 'Use kebab-case for slugs.' }));
    const runtime = await sessionOf(open).runtime(model, { goal: 'Build slugify', answerPolicy: 'first', search: false });
    await runtime.run();

    assert.equal(model.requests.length, 2, 'the planner took two turns');
    assert.doesNotMatch(said(model.requests[0]!), /kebab-case/);
    const second = model.requests[1]!.messages;
    const last = second.at(-1)!;
    assert.equal(last.role, 'user');
    assert.ok(Array.isArray(last.content));
    assert.equal(last.content[0]!.type, 'tool_result', 'the tool result stays first');
    assert.deepEqual(last.content.at(-1), { type: 'text', text: 'Message from human: Use kebab-case for slugs.' });
    assert.equal(said(model.requests[1]!).split('kebab-case').length - 1, 1, 'delivered once');

    const sent = [];
    for await (const e of open.store.read()) if (e.type === 'message.sent') sent.push(e);
    assert.deepEqual(
      sent.map((e) => [e.actor, e.data.to, e.data.text]),
      [['human', 'planner', 'Use kebab-case for slugs.']],
    );
  } finally {
    await ws?.close();
    await cleanup();
  }
});

test('a message to nobody the team knows is refused with the names that would do', async () => {
  const { dir, cleanup } = await tempDir('crucible-steer-');
  try {
    await initWorkspace(dir);
    const ws = await openWorkspace({ dir });
    try {
      const human = localCaller({ ws, services: workspaceServices(ws), actor: 'human' });
      await assert.rejects(human.call(sendMessageOp, { to: 'implementor', text: 'hi' }), (error: Error & { fix?: string }) => {
        assert.match(error.message, /no agent or role is called "implementor"/);
        assert.match(error.fix ?? '', /implementer/);
        return true;
      });
      assert.equal([...ws.store.view.rows('inbox')].length, 0);
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localCaller } from '../../src/app/operations/index.js';
import type { ModelClient, ModelEvent } from '../../src/model/types.js';
import { workspaceServices } from '../../src/app/services.js';
import { JudgmentRouter } from '../../src/runtime/judgments.js';
import { sessionOf } from '../../src/app/session.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { initialState } from '../../src/tui/state/initial.js';
import { EngineBridge } from '../../src/tui/session/bridge.js';
import { commandHandler } from '../../src/tui/session/commands.js';
import { TuiStore } from '../../src/tui/store.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';
import { sampleState } from './fixtures.js';
import { KEYS, renderApp, waitFor } from './ink-harness.js';

/** A real workspace in a temp dir, wired to a store the way crucible-tui wires it. */
async function session(options: { runtime?: (ws: Workspace, onActivity: EngineBridge['activity']) => Promise<Runtime> } = {}) {
  const { dir, cleanup } = await tempDir('crucible-tui-test-');
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  let bridge: EngineBridge | undefined;
  const runtime = options.runtime ? await options.runtime(ws, (agent, activity) => bridge?.activity(agent, activity)) : undefined;
  const store = new TuiStore(initialState({ cols: 100, rows: 30, project: { name: 'p', root: dir, goal: '' }, browse: !runtime }));
  bridge = new EngineBridge({ ws, store, ...(runtime ? { runtime } : {}), intervalMs: 20 });
  let quits = 0;
  store.onEffect(
    commandHandler({
      record: localCaller({ ws, services: workspaceServices(ws), actor: 'human' }),
      store,
      ...(runtime ? { runtime } : {}),
      quit: () => (quits += 1),
    }),
  );
  bridge.start();
  return {
    ws,
    store,
    bridge,
    runtime,
    quits: () => quits,
    close: async () => {
      bridge.close();
      await ws.close();
      await cleanup();
    },
  };
}

test('keyboard: jump to an agent, move between areas and tabs, open help, ask before quitting', async () => {
  const store = new TuiStore(sampleState());
  const app = renderApp(store);
  try {
    await app.until(/▸1 ○ planner/);
    assert.match(await app.press('3'), /▸3 ● implementer T-2/);
    assert.match(await app.press(KEYS.up), /▸2 ⚑ architect T-1 ⚑J-1/);
    assert.match(app.frame(), /─ architect · T-1/, 'the pane shows the selected agent');
    assert.match(await app.press(KEYS.tab), /End follow/, 'the pane has the focus');
    assert.match(await app.press(KEYS.tab), /←→ tab · ↑↓ select/, 'the tabs have the focus');
    assert.match(await app.press(KEYS.right), /J-1 {2}⚑ waiting/, 'the Judgments tab');
    assert.match(await app.press(KEYS.shiftTab), /End follow/, 'Shift-Tab goes back');
    assert.match(await app.press('?'), /Tab \/ Shift-Tab/);
    assert.doesNotMatch(await app.press('x'), /Tab \/ Shift-Tab/, 'any key closes help');
    assert.match(await app.press('q'), /Quit\?/, 'agents are working: q asks first');
    assert.doesNotMatch(await app.press('n'), /Quit\?/);
    assert.equal(app.frame().split('\n').length, 29, 'rows - 1 lines');
  } finally {
    app.unmount();
  }
});

test('keys that arrive in one read through the real Ink input are each a key (two Tabs move the focus twice)', async () => {
  const app = renderApp(new TuiStore(sampleState()));
  try {
    await app.until(/▸1 ○ planner/);
    assert.match(await app.press(KEYS.tab + KEYS.tab), /←→ tab · ↑↓ select/, 'the tabs have the focus, not the pane');
    assert.match(await app.press('\t\t\t'), /←→ tab · ↑↓ select/, 'three Tabs go round the three areas once');
  } finally {
    app.unmount();
  }
});

test('a answers a real pending judgment in a real workspace: the answer is recorded and the waiting agent wakes', async () => {
  const s = await session();
  const app = renderApp(s.store);
  try {
    const asked = await s.ws.store.append({
      type: 'judgment.asked',
      actor: 'architect',
      data: {
        question: 'How should truncate cut long text?',
        options: [
          { label: 'at a word boundary', tradeoffs: 'reads better' },
          { label: 'at exactly max', tradeoffs: 'predictable' },
        ],
        askedBy: 'architect',
      },
    });
    const id = asked.data.id;
    const waiting = new JudgmentRouter(s.ws.store, s.ws.bus, 'ask').await(id);
    await app.until(/⚑ 1 judgment waiting/);
    const modal = await app.press('a');
    assert.match(modal, /Judgment J-1 · asked by architect/);
    assert.match(modal, /1\. at a word boundary/);
    assert.match(modal, /predictable/);
    await app.press(KEYS.down);
    await app.press(KEYS.enter);
    assert.equal(await waiting, 'at exactly max');
    const row = s.ws.store.view.get('judgments', id);
    assert.equal(row?.status, 'answered');
    assert.equal(row?.answeredBy, 'human');
    await app.until(/Answered J-1: at exactly max \(recorded as D-1\)/);
    await waitFor(() => !/judgment waiting/.test(app.frame()), 'the header to drop the waiting judgment');
  } finally {
    app.unmount();
    await s.close();
  }
});

test('the free-text answer and Esc to defer, on a real judgment', async () => {
  const s = await session();
  const app = renderApp(s.store);
  try {
    await s.ws.store.append({
      type: 'judgment.asked',
      actor: 'reviewer',
      data: { question: 'Ship it?', options: [{ label: 'yes', tradeoffs: '' }], askedBy: 'reviewer' },
    });
    await app.until(/judgment waiting/);
    await app.press('a');
    assert.match(await app.press(KEYS.escape), /J-1 deferred/);
    assert.equal(s.ws.store.view.get('judgments', 'J-1')?.status, 'pending');
    await app.press('a');
    await app.press(KEYS.down);
    for (const ch of 'not before Q3') await app.press(ch);
    assert.match(app.frame(), /✎ your own answer: not before Q3/);
    await app.press(KEYS.enter);
    await waitFor(() => s.ws.store.view.get('judgments', 'J-1')?.answer === 'not before Q3', 'the free-text answer in the record');
  } finally {
    app.unmount();
    await s.close();
  }
});

/** A model whose turn never ends until it is cancelled: the agent stays working, the run stays running. */
class HangingModel implements ModelClient {
  readonly provider = 'test';
  readonly defaultModel = 'claude-sonnet-5-5';
  async *stream(request: { signal?: AbortSignal }): AsyncIterable<ModelEvent> {
    yield { type: 'text.delta', index: 0, text: 'Thinking about it' };
    await new Promise<void>((resolve) =>
      request.signal?.aborted ? resolve() : request.signal?.addEventListener('abort', () => resolve(), { once: true }),
    );
    yield {
      type: 'turn.failed',
      error: { kind: 'cancelled', message: 'cancelled', retryable: false, attempts: 1 },
      usage: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 0 },
      partial: [],
    };
  }
}

test('p pauses the real coordinator and p again resumes it', async () => {
  const controller = new AbortController();
  const s = await session({
    runtime: async (ws, onActivity) => {
      await ws.store.append({
        type: 'task.created',
        actor: 'human',
        data: { title: 'Write the parser', role: 'implementer', acceptance: ['parses'], gate: [] },
      });
      return sessionOf(ws).runtime(new HangingModel(), { answerPolicy: 'ask', interactive: true, signal: controller.signal, onActivity });
    },
  });
  const runtime = s.runtime!;
  const app = renderApp(s.store);
  const running = runtime.run();
  try {
    await app.until(/● running/);
    await app.until(/Thinking about it/);
    await app.press('p');
    await waitFor(() => runtime.coordinator.getSnapshot().value === 'paused', 'the coordinator to pause');
    await app.until(/⏸ paused/);
    await app.press('p');
    await waitFor(() => runtime.coordinator.getSnapshot().value === 'running', 'the coordinator to resume');
    await app.until(/● running/);
  } finally {
    controller.abort();
    const summary = await running;
    assert.equal(summary.state, 'cancelled');
    app.unmount();
    await s.close();
  }
});

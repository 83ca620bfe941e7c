import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localCaller } from '../../src/app/operations/index.js';
import { workspaceServices } from '../../src/app/services.js';
import { usageSamplesOp } from '../../src/mcp/operations-reads.js';
import { initialState } from '../../src/tui/state/initial.js';
import type { Effect } from '../../src/tui/state/types.js';
import { commandHandler } from '../../src/tui/session/commands.js';
import { TuiStore } from '../../src/tui/store.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';
import { waitFor } from './ink-harness.js';

/**
 * The TUI's state changes go through the record's operations: the same
 * validation, and the same refusal, as `crucible judgments answer` and
 * `crucible proposals approve|reject` (shown as an error notice).
 */
test('the TUI answers judgments and decides proposals through the operations, and shows their refusals', async () => {
  const { dir, cleanup } = await tempDir('crucible-tui-commands-');
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  try {
    const store = new TuiStore(initialState({ cols: 100, rows: 30, project: { name: 'p', root: dir, goal: '' }, browse: true }));
    const handle = commandHandler({
      record: localCaller({ ws, services: workspaceServices(ws), actor: 'human' }),
      store,
      quit: () => undefined,
    });
    const noticeAfter = async (effect: Effect) => {
      store.dispatch({ type: 'notice', text: '', tone: 'info' });
      handle(effect);
      await waitFor(() => (store.getState().ui.notice?.text ?? '') !== '', 'a notice');
      return store.getState().ui.notice!;
    };
    await ws.store.append({
      type: 'judgment.asked',
      actor: 'architect',
      data: {
        question: 'Which?',
        options: [
          { label: 'a', tradeoffs: '' },
          { label: 'b', tradeoffs: '' },
        ],
        askedBy: 'architect',
      },
    });
    const proposal = { title: 'Split it', why: 'too long', fingerprint: 'f' };
    await ws.store.append({ type: 'proposal.created', actor: 'auditor', data: { ...proposal, fingerprint: 'f1' } });
    await ws.store.append({ type: 'proposal.created', actor: 'auditor', data: { ...proposal, fingerprint: 'f2' } });
    await ws.store.append({ type: 'proposal.rejected', actor: 'human', data: { id: 'P-1', reason: '' } });
    const head = ws.store.head();

    assert.deepEqual(await noticeAfter({ type: 'answer', id: 'J-1', answer: '7' }), {
      text: 'Could not answer: J-1 has 2 options; 7 is not one',
      tone: 'error',
    });
    assert.deepEqual(await noticeAfter({ type: 'answer', id: 'J-9', answer: 'a' }), {
      text: 'Could not answer: judgment J-9 does not exist',
      tone: 'error',
    });
    assert.deepEqual(await noticeAfter({ type: 'proposal', id: 'P-1', verdict: 'approve' }), {
      text: 'Could not proposal: proposal P-1 is rejected; only an open proposal can be approved',
      tone: 'error',
    });
    assert.deepEqual(await noticeAfter({ type: 'proposal', id: 'P-9', verdict: 'reject' }), {
      text: 'Could not proposal: proposal P-9 does not exist',
      tone: 'error',
    });
    assert.equal(ws.store.head(), head, 'a refused change leaves no trace');

    assert.deepEqual(await noticeAfter({ type: 'answer', id: 'J-1', answer: '2' }), {
      text: 'Answered J-1: b (recorded as D-1)',
      tone: 'ok',
    });
    assert.deepEqual(await noticeAfter({ type: 'proposal', id: 'P-2', verdict: 'approve' }), {
      text: 'Approved P-2: created T-1 and T-2.',
      tone: 'ok',
    });
    assert.deepEqual(ws.store.view.get('proposals', 'P-2')?.taskIds, ['T-1', 'T-2']);
  } finally {
    await ws.close();
    await cleanup();
  }
});

test("the Stats tab's usage is read from the whole log in-process, through the same stats.usage operation", async () => {
  const { dir, cleanup } = await tempDir('crucible-tui-stats-');
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  try {
    const usage = (agent: string, inputTokens: number, costUsd: number | null) =>
      ws.store.append({
        type: 'model.usage',
        actor: agent,
        data: { agent, model: 'm', inputTokens, outputTokens: 1, cacheCreationTokens: 2, cacheReadTokens: 3, costUsd },
      });
    await usage('planner', 100, 0.25);
    await ws.store.append({ type: 'task.created', actor: 'planner', data: { title: 'Build it', role: 'implementer' } });
    await usage('implementer', 10, null);
    const store = new TuiStore(initialState({ cols: 100, rows: 30, project: { name: 'p', root: dir, goal: '' }, browse: true }));
    store.onEffect(
      commandHandler({ record: localCaller({ ws, services: workspaceServices(ws), actor: 'human' }), store, quit: () => undefined }),
    );
    store.dispatch({ type: 'key.stats' });
    await waitFor(() => store.getState().stats.status === 'ready', 'the usage');
    assert.deepEqual(
      store.getState().stats.samples.map((s) => [s.seq, s.agent, s.tokens, s.costUsd]),
      [
        [1, 'planner', 106, 0.25],
        [3, 'implementer', 16, null],
      ],
    );
    // The holder serves it again and again: a later call has what was appended since, and only once.
    await usage('tester', 1, 0.01);
    const caller = localCaller({ ws, services: workspaceServices(ws), actor: 'human' });
    const again = await caller.call(usageSamplesOp, {});
    assert.equal(again.head, 4);
    assert.deepEqual(
      again.samples.map((s) => s.seq),
      [1, 3, 4],
    );
    assert.deepEqual(
      (await caller.call(usageSamplesOp, {})).samples.map((s) => s.seq),
      [1, 3, 4],
    );
  } finally {
    await ws.close();
    await cleanup();
  }
});

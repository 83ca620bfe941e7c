// The prompt line in the real Ink app over a real workspace: what the human types to an agent is recorded as a
// message to it (test/runtime/steer-message.test.ts shows it reaching that agent's next model turn).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localCaller } from '../../src/app/operations/index.js';
import { workspaceServices } from '../../src/app/services.js';
import { initialState } from '../../src/tui/state/initial.js';
import { commandHandler } from '../../src/tui/session/commands.js';
import { TuiStore } from '../../src/tui/store.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';
import { agent } from './fixtures.js';
import { KEYS, renderApp, waitFor } from './ink-harness.js';

test('i opens the prompt line: a message to a role, a requirement, history with ↑, Esc cancels', async () => {
  const { dir, cleanup } = await tempDir('crucible-prompt-');
  await initWorkspace(dir);
  const ws = await openWorkspace({ dir });
  const base = initialState({ cols: 110, rows: 30, project: { name: 'p', root: dir, goal: '' }, browse: true });
  const store = new TuiStore({ ...base, agents: [agent('planner'), agent('implementer')] });
  store.onEffect(commandHandler({ record: localCaller({ ws, services: workspaceServices(ws), actor: 'human' }), store, quit: () => {} }));
  const app = renderApp(store);
  try {
    assert.match(await app.until(/i talk ·/), /i talk ·/, 'the footer tells how');
    assert.match(await app.press('i'), /❯ to planner ▍ Enter send · Esc cancel · ↑↓ history/);
    await app.press('@implementer Use kebab-case for slugs.');
    assert.match(app.frame(), /❯ @implementer Use kebab-case for slugs\.▍/);
    await app.press(KEYS.enter);
    await waitFor(() => [...ws.store.view.rows('inbox')].length === 1, 'the message to be recorded');
    assert.deepEqual(
      [...ws.store.view.rows('inbox')].map((m) => [m.from, m.to, m.text]),
      [['human', 'implementer', 'Use kebab-case for slugs.']],
    );
    await app.until(/Sent to implementer: it reaches their next turn\./);

    await app.press('i');
    await app.press('/req Slugs are lower case');
    await app.press(KEYS.enter);
    await waitFor(() => ws.store.view.get('requirements', 'R-1')?.text === 'Slugs are lower case', 'the requirement to be added');

    await app.press('i');
    assert.match(await app.press(KEYS.up), /❯ \/req Slugs are lower case▍/, '↑ recalls the last line');
    assert.match(await app.press(KEYS.up), /❯ @implementer Use kebab-case for slugs\.▍/);
    assert.match(await app.press(KEYS.escape), /i talk ·/, 'Esc cancels');
    assert.equal([...ws.store.view.rows('inbox')].length, 1, 'nothing more was sent');
    assert.doesNotMatch(app.frame(), /❯/);
  } finally {
    app.unmount();
    await ws.close();
    await cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrompt } from '../../src/tui/state/prompt.js';
import { update } from '../../src/tui/state/reducer.js';
import type { TuiState } from '../../src/tui/state/types.js';
import { sampleState } from './fixtures.js';

const s = sampleState();
const effect = (text: string) => {
  const p = parsePrompt(text, s);
  return p.ok ? p.effect : p.problem;
};

test('the prompt line: @who message, /req, /goal, plain text to the agent whose pane is shown', () => {
  assert.deepEqual(effect('@implementer  fix the slug  '), { type: 'message', to: 'implementer', text: 'fix the slug' });
  assert.deepEqual(effect('/req Slugs are lower case'), { type: 'requirement', text: 'Slugs are lower case' });
  assert.deepEqual(effect('/goal Add a camelCase helper'), { type: 'goal', text: 'Add a camelCase helper' });
  assert.deepEqual(effect('keep it short'), { type: 'message', to: 'planner', text: 'keep it short' });
});

test('what cannot be sent says why and what to type instead', () => {
  assert.match(String(effect('@implementor hi')), /No agent or role is called implementor: try planner, architect, implementer/);
  assert.match(String(effect('/deploy now')), /\/deploy is not a command: use \/req text or \/goal text/);
  assert.match(String(effect('/req')), /\/req needs its text/);
  assert.match(String(effect('@implementer')), /Say something to implementer/);
  assert.match(String(effect('   ')), /Type a message/);
  assert.match(String(parsePrompt('hi', { ...s, agents: [] }).ok ? '' : 'none'), /none/);
});

test('Enter sends and keeps the line in the history; a bad line stays to be fixed; Esc cancels', () => {
  let state: TuiState = update(s, { type: 'key.prompt' }).state;
  state = update(state, { type: 'key.text', text: '@architect add a case' }).state;
  const sent = update(state, { type: 'key.enter' });
  assert.deepEqual(sent.effects, [{ type: 'message', to: 'architect', text: 'add a case' }]);
  assert.match(sent.state.ui.notice?.text ?? '', /To architect: add a case/);
  const bad = update(update(update(s, { type: 'key.prompt' }).state, { type: 'key.text', text: '@nobody x' }).state, { type: 'key.enter' });
  assert.deepEqual(bad.effects, []);
  assert.equal(bad.state.prompt.editing, true);
  assert.equal(bad.state.prompt.text, '@nobody x');
  const ok = update(update(update(s, { type: 'key.prompt' }).state, { type: 'key.text', text: '/req R' }).state, { type: 'key.enter' });
  assert.deepEqual(ok.effects, [{ type: 'requirement', text: 'R' }]);
  assert.deepEqual(ok.state.prompt, { editing: false, text: '', history: ['/req R'], recall: null });
  const walked = update(update(ok.state, { type: 'key.prompt' }).state, { type: 'key.move', delta: -1 }).state;
  assert.equal(walked.prompt.text, '/req R');
  assert.equal(update(walked, { type: 'key.move', delta: 1 }).state.prompt.text, '');
  assert.equal(update(walked, { type: 'key.escape' }).state.prompt.editing, false);
});

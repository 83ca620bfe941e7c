// The loop judgment's answer: an option, its typed note, or free text, as the agent receives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loopVerdictOf } from '../../src/runtime/agent-loop.js';

test('"hint" passes the typed hint to the agent; stop and continue keep their meaning with a note', () => {
  assert.deepEqual(loopVerdictOf('hint: use the slug library'), { stop: false, hint: 'use the slug library' });
  assert.deepEqual(loopVerdictOf('hint'), { stop: false });
  assert.deepEqual(loopVerdictOf('stop: it is going nowhere'), { stop: true });
  assert.deepEqual(loopVerdictOf('continue: the tests are slow, not stuck'), { stop: false, hint: 'the tests are slow, not stuck' });
  assert.deepEqual(loopVerdictOf('try smaller files'), { stop: false, hint: 'try smaller files' });
});

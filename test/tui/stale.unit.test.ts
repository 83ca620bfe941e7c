import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTab } from '../../src/tui/state/view/record-tab.js';
import { applyToTranscript, emptyTranscript } from '../../src/tui/state/transcript.js';
import { frameText, sampleState } from './fixtures.js';

test('the Record view marks a requirement whose linked code changed, and says where', () => {
  const base = sampleState();
  const clean = frameText(recordTab(base, { width: 100, height: 6 }));
  assert.doesNotMatch(clean, /stale/);
  const state = {
    ...base,
    record: { ...base.record, stale: [{ link: 'L-4', where: 'src/strings.js:1-16', tasks: ['T-2'], requirements: ['R-1'] }] },
  };
  const marked = frameText(recordTab(state, { width: 100, height: 6 }));
  assert.match(marked, /R-1 +must +⚠ stale Slugify titles/);
  assert.match(marked, /⚠ stale src\/strings\.js:1-16 changed since L-4/);
});

test('an agent paused by a guard shows why in its pane', () => {
  const t = applyToTranscript(emptyTranscript(), [
    { type: 'activity', activity: { type: 'paused', reason: 'loop guard: read_file was called 3 times with the same input' } },
  ]);
  assert.deepEqual(t.entries, [{ kind: 'note', text: 'paused: loop guard: read_file was called 3 times with the same input' }]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, spawnTs } from '../../support/helpers/child.js';

/** The entry point outside a terminal: one clear line and exit 2, never a broken screen. */
test('crucible-tui without a terminal points to `crucible run` and exits 2', async () => {
  const result = await collect(spawnTs('src/cli/crucible-tui.ts', ['--demo']));
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '', 'nothing drawn, no escape sequences');
  assert.match(result.stderr, /^crucible-tui: needs an interactive terminal .*crucible run --goal/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});

test('crucible-tui refuses an unknown --model with exit 2', async () => {
  const result = await collect(spawnTs('src/cli/crucible-tui.ts', ['--model', 'gpt']));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /use anthropic, openai or scripted/);
});

// How a run puts a model failure into words names the provider's own key and server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, startChatLoopbackServer } from '../../src/model/openai-loopback-server.js';
import { modelError } from '../../src/model/model-error.js';
import { modelFailure } from '../../src/runtime/run-outcome.js';
import { openaiModelFor, runOpenAI } from '../model/openai-support.js';

test('a key refused by an OpenAI-compatible server names OPENAI_API_KEY; an unreachable one names model.baseUrl', async () => {
  const server = await startChatLoopbackServer({ replies: [reply.error(401, { message: 'Incorrect API key provided' })] });
  try {
    const outcome = await runOpenAI(openaiModelFor(server));
    assert.ok(!outcome.ok);
    if (outcome.ok) return;
    assert.equal(outcome.error.provider, 'openai');
    assert.deepEqual(modelFailure(outcome.error, 'qwen2.5-coder:7b'), {
      cause: 'the model API refused the key (401)',
      fix: 'set OPENAI_API_KEY to a valid key (crucible doctor checks it)',
    });
    const unreachable = { ...modelError('connection', 'could not reach the OpenAI-compatible API', 5), provider: 'openai' };
    assert.match(modelFailure(unreachable, 'm').fix, /server at model\.baseUrl \(or OPENAI_BASE_URL\) is up/);
  } finally {
    await server.close();
  }
});

test('an Anthropic failure keeps naming ANTHROPIC_API_KEY and its status page', () => {
  assert.match(modelFailure(modelError('auth', 'refused', 1, { status: 401 }), 'm').fix, /ANTHROPIC_API_KEY/);
  assert.match(modelFailure(modelError('connection', 'unreachable', 5), 'm').fix, /status\.anthropic\.com/);
});

// A run's agents get the team protocol in their system prompt (prompts/team-protocol.md, or the project's own
// .crucible/prompts/team-protocol.md), through the session that `crucible run` and the demo use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionOf } from '../../src/app/session.js';
import { parseScript } from '../../src/model/script.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import type { ModelClient, ModelEvent, TurnRequest } from '../../src/model/types.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { tempDir } from '../../support/helpers/temp.js';

/** The scripted model, keeping every system prompt it was sent. */
class RecordingModel implements ModelClient {
  readonly provider = 'scripted';
  readonly systems: string[] = [];
  readonly #inner = new ScriptedModel(parseScript({ version: 1, roles: { planner: [{ text: 'Nothing to plan.' }] } }));
  readonly defaultModel = this.#inner.defaultModel;
  stream(request: TurnRequest): AsyncIterable<ModelEvent> {
    this.systems.push(request.system.stable);
    return this.#inner.stream(request);
  }
}

async function plannerSystemPrompt(override?: string): Promise<string> {
  const { dir, cleanup } = await tempDir('crucible-protocol-');
  try {
    await initWorkspace(dir);
    if (override !== undefined) {
      await mkdir(join(dir, '.crucible', 'prompts'), { recursive: true });
      await writeFile(join(dir, '.crucible', 'prompts', 'team-protocol.md'), override);
    }
    const ws = await openWorkspace({ dir });
    try {
      const model = new RecordingModel();
      const runtime = await sessionOf(ws).runtime(model, { goal: 'Say hello', answerPolicy: 'first', search: false });
      await runtime.run();
      assert.equal(model.systems.length, 1, 'the planner took one turn');
      return model.systems[0]!;
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
}

test("a run's agent is told the team protocol between its role's prompt and its name", async () => {
  const system = await plannerSystemPrompt();
  assert.match(system, /^You are the planner\./);
  assert.match(system, /\n# How this team works\n[\s\S]*`gate-failed`[\s\S]*\n\nYou are planner \(role planner\)\.$/);
});

test("the project's .crucible/prompts/team-protocol.md replaces the shipped protocol", async () => {
  const system = await plannerSystemPrompt('# Our house rules\nAlways answer in haiku.\n');
  assert.ok(system.includes('# Our house rules\nAlways answer in haiku.\n\nYou are planner (role planner).'), system);
  assert.ok(!system.includes('# How this team works'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadAgents } from '../../src/runtime/agent-definitions.js';
import { systemPromptFor, taskBrief } from '../../src/runtime/context-pack.js';
import { loadTemplates } from '../../src/runtime/prompts.js';
import { PACKAGE_ROOT } from '../../src/shared/package.js';
import { tempStore } from '../../support/helpers/temp.js';

test('the brief carries requirements, decisions, links, messages and the progress ledger; the system prompt is stable', async () => {
  const t = await tempStore();
  try {
    const agents = await loadAgents([join(PACKAGE_ROOT, 'agents')]);
    const templates = await loadTemplates([join(PACKAGE_ROOT, 'prompts')]);
    const implementer = agents.get('implementer')!;
    await t.store.appendAll([
      { type: 'requirement.added', actor: 'human', data: { text: 'Parse ISO dates' } },
      { type: 'decision.recorded', actor: 'architect', data: { title: 'Use Date.parse', rationale: 'no dependency' } },
      {
        type: 'task.created',
        actor: 'planner',
        data: {
          title: 'Write the parser',
          role: 'implementer',
          requirements: ['R-1'],
          decisions: ['D-1'],
          acceptance: ['rejects 2023-13-01'],
        },
      },
      {
        type: 'message.sent',
        actor: 'tester',
        data: { to: 'implementer', text: 'February 30 is accepted but should not be', taskId: 'T-1' },
      },
      {
        type: 'ledger.noted',
        actor: 'implementer',
        data: { taskId: 'T-1', agent: 'implementer', kind: 'read', text: 'src/parse.js', hash: 'abcdef1234567890' },
      },
      {
        type: 'ledger.noted',
        actor: 'implementer',
        data: { taskId: 'T-1', agent: 'implementer', kind: 'tried', text: 'complete_task: REFUSED [gate-failed]' },
      },
    ]);
    const brief = taskBrief(t.store.view, templates, implementer, t.store.view.get('tasks', 'T-1')!);
    for (const expected of [
      'T-1 Write the parser',
      'R-1: Parse ISO dates',
      'D-1: Use Date.parse',
      '1. rejects 2023-13-01',
      'Message from tester about T-1: February 30',
      'read src/parse.js (sha256 abcdef123456)',
      'tried and refused: complete_task: REFUSED [gate-failed]',
    ]) {
      assert.ok(brief.includes(expected), `brief lacks "${expected}":\n${brief}`);
    }
    assert.deepEqual(systemPromptFor(implementer), systemPromptFor(implementer));
    assert.ok(!systemPromptFor(implementer).stable.includes('T-1'), 'nothing task-specific in the cached prefix');
  } finally {
    await t.cleanup();
  }
});

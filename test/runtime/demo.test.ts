import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnthropicModel } from '../../src/model/anthropic.js';
import { startLoopbackServer } from '../../src/model/loopback-server.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import { DEMO_GOAL, DEMO_SCRIPT, prepareDemoProject } from '../../src/runtime/demo.js';
import { sessionOf } from '../../src/app/session.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { cli, cliJson } from '../helpers/cli.js';
import { assertLibraryFollows, assertSignOffNames, EXACT, WORD, type Branch } from './demo-support.js';
import { scriptHandler } from '../../src/model/loopback-script.js';
import { tempDir } from '../../support/helpers/temp.js';

interface DemoJson {
  dir: string;
  summary: { state: string; usage: { costUsd: number; totalTokens: number } };
  tasks: { id: string; status: string; completions: number }[];
  decisions: { id: string; choice: string }[];
  judgments: { id: string; answer: string | null; answeredBy: string | null; decisionId: string | null }[];
  reviews: { taskId: string; verdict: string; notes: string }[];
  gateRefusals: { taskId: string; code: string; reason: string }[];
  trace: { incoming: { node: { id: string } }[] };
}

/** The judgment's answer is the recorded decision, the library follows it, and the reviewer names it. */
async function assertDemoObeys(demo: DemoJson, branch: Branch, answeredBy: string): Promise<void> {
  assert.equal(demo.summary.state, 'done');
  const judgment = demo.judgments.find((j) => j.id === 'J-1');
  assert.equal(judgment?.answer, branch.label);
  assert.equal(judgment?.answeredBy, answeredBy);
  const decision = demo.decisions.find((d) => d.id === judgment?.decisionId);
  assert.equal(decision?.choice, branch.label, 'J-1 is recorded as a decision with the chosen option');
  assert.deepEqual(
    demo.gateRefusals.map((r) => `${r.taskId}:${r.code}`),
    ['T-3:gate-failed'],
    "the implementer's first completion is refused, then fixed",
  );
  await assertLibraryFollows(demo.dir, branch);
  const review = demo.reviews.find((r) => r.taskId === 'T-3');
  assert.equal(review?.verdict, 'approved');
  assertSignOffNames(review?.notes ?? '', decision.id, branch);
}

test('crucible demo --json: every task done, the gate refusal and its fix in the log; J-1 auto-answered; the library cuts at a word boundary', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(dir, 'demo', '--dir', join(dir, 'strkit'));
    assert.equal(demo.summary.state, 'done');
    assert.deepEqual(
      demo.tasks.map((t) => `${t.id}:${t.status}:${t.completions}`),
      ['T-1:done:1', 'T-2:done:1', 'T-3:done:1'],
    );
    assert.match(demo.gateRefusals[0]?.reason ?? '', /node --test/);
    assert.ok(
      demo.trace.incoming.some((i) => i.node.id.startsWith('src/strings.js')),
      'R-2 traces to the code',
    );
    assert.ok(demo.summary.usage.costUsd > 0 && demo.summary.usage.totalTokens > 0);
    await assertDemoObeys(demo, WORD, 'auto-answer');
  } finally {
    await cleanup();
  }
});

test('the same demo runs through AnthropicModel and the real SDK against the loopback Messages API', async () => {
  const { dir, cleanup } = await tempDir();
  const server = await startLoopbackServer({ handler: scriptHandler(await ScriptedModel.fromFile(DEMO_SCRIPT)) });
  try {
    const root = await prepareDemoProject(join(dir, 'strkit'));
    const ws = await openWorkspace({ dir: root });
    try {
      const model = new AnthropicModel({
        model: 'claude-sonnet-5-5',
        apiKey: 'test-key-not-real',
        baseURL: server.url,
        retry: { maxRetries: 1, baseDelayMs: 1 },
      });
      const runtime = await sessionOf(ws).runtime(model, { goal: DEMO_GOAL, answerPolicy: 'first' });
      const summary = await runtime.run();
      assert.equal(summary.state, 'done', summary.reason);
      assert.deepEqual(
        [...ws.store.view.rows('tasks')].map((t) => t.status),
        ['done', 'done', 'done'],
      );
      assert.ok(server.requests.length >= 10);
      assert.ok(server.requests.every((r) => Array.isArray(r.body.tools) && r.body.tools.length > 0));
      assert.ok(summary.usage.totalTokens > 0);
      const refusals: string[] = [];
      for await (const e of ws.store.read()) if (e.type === 'gate.checked' && !e.data.ok) refusals.push(`${e.data.taskId}:${e.data.code}`);
      assert.deepEqual(refusals, ['T-3:gate-failed']);
    } finally {
      await ws.close();
    }
  } finally {
    await server.close();
    await cleanup();
  }
});

test('a budget that is too small stops new turns and raises a judgment instead of failing silently', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const root = await prepareDemoProject(join(dir, 'strkit'));
    const ws = await openWorkspace({ dir: root });
    try {
      const runtime = await sessionOf(ws).runtime(await ScriptedModel.fromFile(DEMO_SCRIPT), {
        goal: DEMO_GOAL,
        answerPolicy: 'first',
        budget: { usd: 0.02 },
      });
      const summary = await runtime.run();
      assert.equal(summary.state, 'budget');
      assert.ok(summary.usage.costUsd >= 0.02 && summary.usage.turns < 14, JSON.stringify(summary.usage));
      const judgment = [...ws.store.view.rows('judgments')].find((j) => j.askedBy === 'coordinator');
      assert.match(judgment?.question ?? '', /^Budget reached: the run has spent/);
      assert.ok([...ws.store.view.rows('tasks')].some((t) => t.status !== 'done'));
    } finally {
      await ws.close();
    }
  } finally {
    await cleanup();
  }
});

test('crucible demo --model mock --answer <label>: the other branch through the real SDK and a loopback Messages API server, from the CLI', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(
      dir,
      'demo',
      '--model',
      'mock',
      '--answer',
      'At exactly max characters',
      '--dir',
      join(dir, 'strkit'),
    );
    await assertDemoObeys(demo, EXACT, 'human');
  } finally {
    await cleanup();
  }
});

test('crucible demo --answer 2: the human picks "at exactly max characters" and the agents build, test and sign off exactly that', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(dir, 'demo', '--answer', '2', '--dir', join(dir, 'strkit'));
    assert.deepEqual(
      demo.tasks.map((t) => `${t.id}:${t.status}:${t.completions}`),
      ['T-1:done:1', 'T-2:done:1', 'T-3:done:1'],
    );
    await assertDemoObeys(demo, EXACT, 'human');
  } finally {
    await cleanup();
  }
});

test('crucible demo --answer that is not an option: one line naming the options, exit 2, no project written', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    for (const bad of ['3', '0', 'sometimes']) {
      const result = await cli(dir, 'demo', '--answer', bad, '--dir', join(dir, 'strkit'));
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `--answer: "${bad}" is not an option of "How should truncate cut text that is too long\\?" ` +
            '\\(1\\. at a word boundary, 2\\. at exactly max characters\\)',
        ),
      );
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.equal(existsSync(join(dir, 'strkit')), false);
    }
  } finally {
    await cleanup();
  }
});

test('answered through the record while the run waits (as in the TUI): each option builds the library that option describes', async () => {
  for (const branch of [EXACT, WORD]) {
    const { dir, cleanup } = await tempDir();
    try {
      const root = await prepareDemoProject(join(dir, 'strkit'));
      const ws = await openWorkspace({ dir: root });
      const human = ws.bus.subscribe(
        async (event) => {
          if (event.type === 'judgment.asked')
            await ws.store.append({ type: 'judgment.answered', actor: 'human', data: { id: event.data.id, answer: branch.label } });
        },
        { types: ['judgment.asked'] },
      );
      try {
        const runtime = await sessionOf(ws).runtime(await ScriptedModel.fromFile(DEMO_SCRIPT), {
          goal: DEMO_GOAL,
          answerPolicy: 'ask',
          interactive: true,
        });
        const summary = await runtime.run();
        assert.equal(summary.state, 'done', summary.reason);
        const judgment = ws.store.view.get('judgments', 'J-1');
        const decision = ws.store.view.get('decisions', judgment?.decisionId ?? '');
        assert.equal(decision?.choice, branch.label);
        assert.equal(decision?.judgmentId, 'J-1');
        await assertLibraryFollows(root, branch);
        const review = ws.store.view.get('tasks', 'T-3')?.evidence.find((e) => e.kind === 'review');
        assert.ok(review?.kind === 'review' && review.verdict === 'approved');
        assertSignOffNames(review.notes ?? '', decision.id, branch);
      } finally {
        human.close();
        await ws.close();
      }
    } finally {
      await cleanup();
    }
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AnthropicModel } from '../../src/model/anthropic.js';
import { startLoopbackServer } from '../../src/model/loopback-server.js';
import { ScriptedModel } from '../../src/model/scripted.js';
import { DEMO_GOAL, DEMO_SCRIPT, prepareDemoProject } from '../../src/runtime/demo.js';
import { Runtime } from '../../src/runtime/runtime.js';
import { openWorkspace } from '../../src/workspace/open.js';
import { cliJson } from '../helpers/cli.js';
import { collect } from '../helpers/child.js';
import { scriptHandler } from '../../src/model/loopback-script.js';
import { tempDir } from '../helpers/temp.js';
import { spawn } from 'node:child_process';

interface DemoJson {
  dir: string;
  summary: { state: string; usage: { costUsd: number; totalTokens: number } };
  tasks: { id: string; status: string; completions: number }[];
  judgments: { answer: string | null }[];
  gateRefusals: { taskId: string; code: string; reason: string }[];
  trace: { incoming: { node: { id: string } }[] };
}

test('crucible demo --json: every task done, the gate refusal and its fix in the log, and the library passes its own tests', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(dir, 'demo', '--dir', join(dir, 'strkit'));
    assert.equal(demo.summary.state, 'done');
    assert.deepEqual(demo.tasks.map((t) => `${t.id}:${t.status}:${t.completions}`), ['T-1:done:1', 'T-2:done:1', 'T-3:done:1']);
    assert.equal(demo.judgments[0]?.answer, 'at a word boundary');
    assert.equal(demo.gateRefusals.length, 1);
    assert.equal(demo.gateRefusals[0]?.code, 'gate-failed');
    assert.match(demo.gateRefusals[0]?.reason ?? '', /node --test/);
    assert.ok(demo.trace.incoming.some((i) => i.node.id.startsWith('src/strings.js')), 'R-2 traces to the code');
    assert.ok(demo.summary.usage.costUsd > 0 && demo.summary.usage.totalTokens > 0);
    const { NODE_TEST_CONTEXT: _ours, ...env } = process.env;
    const own = await collect(spawn(process.execPath, ['--test'], { cwd: demo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    assert.equal(own.code, 0, own.stdout + own.stderr);
    assert.match(own.stdout, /# pass 3/);
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
      const model = new AnthropicModel({ model: 'claude-sonnet-5-5', apiKey: 'test-key-not-real', baseURL: server.url, retry: { maxRetries: 1, baseDelayMs: 1 } });
      const runtime = await Runtime.create({ ws, model, goal: DEMO_GOAL, answerPolicy: 'first' });
      const summary = await runtime.run();
      assert.equal(summary.state, 'done', summary.reason);
      assert.deepEqual([...ws.store.view.rows('tasks')].map((t) => t.status), ['done', 'done', 'done']);
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
      const runtime = await Runtime.create({ ws, model: await ScriptedModel.fromFile(DEMO_SCRIPT), goal: DEMO_GOAL, answerPolicy: 'first', budget: { usd: 0.02 } });
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

test('crucible demo --model mock: the demo through the real SDK and a loopback Messages API server, from the CLI', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const demo = await cliJson<DemoJson>(dir, 'demo', '--model', 'mock', '--dir', join(dir, 'strkit'));
    assert.equal(demo.summary.state, 'done');
    assert.deepEqual(demo.gateRefusals.map((r) => `${r.taskId}:${r.code}`), ['T-3:gate-failed']);
  } finally {
    await cleanup();
  }
});

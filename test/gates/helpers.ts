import { defaultConfig, type Config } from '../../src/workspace/config.js';
import { gateRunner } from '../../src/tools/gate-runner.js';
import { executeTool } from '../../src/tools/registry.js';
import type { ToolAgent, ToolContext, ToolResult } from '../../src/tools/types.js';
import { AGENTS, toolWorld } from '../helpers/tool-context.js';
import { writeFiles } from '../../support/helpers/temp.js';

/** The roles as their shipped agent files define them (the implementer may write package.json). */
export const ROLES = {
  planner: AGENTS.planner!,
  implementer: { ...AGENTS.implementer!, writePaths: ['src/**', 'lib/**', 'package.json'] },
  tester: AGENTS.tester!,
  /** A project whose tests are written first: its tester role runs no gate command of its own. */
  testsFirstTester: { ...AGENTS.tester!, gateCommands: [] },
} satisfies Record<string, ToolAgent>;

export const code = (r: ToolResult): string => (r.ok ? 'ok' : r.code);
export const explain = (r: ToolResult): string => (r.ok ? r.content : `${r.code}: ${r.reason}\nfix: ${r.fix}`);

/** A real record and project whose gate commands run as real child processes. */
export async function gateWorld(files: Record<string, string>, gateCommands: string[] = ['npm test']) {
  const w = await toolWorld();
  await writeFiles(w.root, files);
  const config: Config = { ...defaultConfig(), gate: { commands: gateCommands, timeoutMs: 60_000 } };
  const runGate = gateRunner({ root: w.root, config });
  const as = (agent: ToolAgent, taskId?: string): ToolContext => ({
    root: w.root,
    store: w.store,
    config,
    agent,
    runGate,
    ...(taskId ? { taskId } : {}),
  });
  const call = (agent: ToolAgent, taskId: string | undefined, tool: string, input: unknown) => executeTool(tool, input, as(agent, taskId));
  const gateCodes = async () => {
    const out: string[] = [];
    for await (const e of w.store.read()) if (e.type === 'gate.checked') out.push(`${e.data.taskId}:${e.data.ok ? 'ok' : e.data.code}`);
    return out;
  };
  return { ...w, config, as, call, gateCodes };
}

export const PACKAGE_JSON = `${JSON.stringify({ name: 'lib', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`;
export const ADD_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/add.js';\n\n" +
  "test('adds', () => {\n  assert.equal(add(1, 2), 3);\n});\n";
export const done = (criterion: string) => ({ acceptance: [{ criterion, how: 'shown by the tests' }] });

/** The planner's part of every tamper scenario: R-1 (add), T-1 the tester's tests (tests first, checked by `testGate`), T-2 the implementation after it. */
export async function planAdd(w: Awaited<ReturnType<typeof gateWorld>>, testGate = 'node --check test/add.test.js'): Promise<void> {
  await w.call(ROLES.planner, undefined, 'add_requirement', { text: 'add(a, b) returns the sum' });
  await w.call(ROLES.planner, undefined, 'create_task', {
    title: 'Write tests for add',
    role: 'tester',
    requirements: ['R-1'],
    acceptance: ['add is tested'],
    gate: [testGate],
  });
  await w.call(ROLES.planner, undefined, 'create_task', {
    title: 'Implement add',
    role: 'implementer',
    requirements: ['R-1'],
    deps: ['T-1'],
    acceptance: ['add adds'],
  });
}

/** A project with a failing `add` and its test, and T-1 ("Make add work") claimed by the implementer: where each rig attempt starts. */
export async function claimedAddWorld(): Promise<Awaited<ReturnType<typeof gateWorld>>> {
  const w = await gateWorld({ 'package.json': PACKAGE_JSON, 'test/add.test.js': ADD_TEST, 'src/add.js': 'export const add = () => 0;\n' });
  try {
    await w.call(ROLES.planner, undefined, 'create_task', { title: 'Make add work', role: 'implementer', acceptance: ['add adds'] });
    const claimed = await w.call(ROLES.implementer, 'T-1', 'claim_task', { task_id: 'T-1' });
    if (!claimed.ok) throw new Error(`the implementer could not claim T-1: ${explain(claimed)}`);
    return w;
  } catch (error) {
    await w.cleanup();
    throw error;
  }
}

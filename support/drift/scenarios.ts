// The drift suite: each scenario is a small run with the scripted model that
// provokes one failure people report of agent orchestrators, and reports
// whether Crucible caught it and the refusal as the agent or the human saw it.
// Used by test/drift/drift.test.ts and bench/drift.bench.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScriptedModel } from '../../src/model/scripted.js';
import { parseScript } from '../../src/model/script.js';
import type { EventDraft } from '../../src/record/events.js';
import { findStaleLinks } from '../../src/runtime/drift.js';
import { sessionOf } from '../../src/app/session.js';
import type { RunSummary } from '../../src/runtime/runtime.js';
import { hashLines } from '../../src/shared/hash.js';
import { initWorkspace } from '../../src/workspace/init.js';
import { openWorkspace, type Workspace } from '../../src/workspace/open.js';
import { tempDir } from '../helpers/temp.js';

export interface ScenarioResult {
  name: string;
  caught: boolean;
  refusal: string;
}

interface World {
  ws: Workspace;
  root: string;
  refusals: string[];
  run(script: unknown, options?: { goal?: string; usd?: number }): Promise<RunSummary>;
}

const ADD_V1 = 'export const add = (a, b) => a + b;\n';
const CHECK = "import { add } from './src/add.js';\nif (add(2, 2) !== 4) { console.log('add(2, 2) should be 4'); process.exit(1); }\n";

async function withWorld<T>(fn: (w: World) => Promise<T>): Promise<T> {
  const { dir, cleanup } = await tempDir('crucible-drift-');
  await initWorkspace(dir);
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'check.mjs'), CHECK);
  await writeFile(join(dir, '.crucible/config.json'), JSON.stringify({ gate: { commands: ['node check.mjs'] } }));
  const ws = await openWorkspace({ dir });
  const refusals: string[] = [];
  try {
    return await fn({
      ws,
      root: dir,
      refusals,
      run: async (script, options = {}) => {
        const model = new ScriptedModel(parseScript({ version: 1, model: 'claude-sonnet-5-5', onExhausted: 'end', ...(script as object) }));
        const runtime = await sessionOf(ws).runtime(model, {
          answerPolicy: 'first',
          ...(options.goal ? { goal: options.goal } : {}),
          ...(options.usd ? { budget: { usd: options.usd } } : {}),
          onActivity: (agent, a) => {
            if (a.type === 'tool' && !a.ok) refusals.push(`[${agent}] ${a.summary}`);
            if (a.type === 'paused') refusals.push(`[${agent}] paused: ${a.reason}`);
          },
        });
        return runtime.run();
      },
    });
  } finally {
    await ws.close();
    await cleanup();
  }
}

/** A done implementation task T-1 that owns src/add.js, linked with the hash of its lines. */
async function seedDoneWork(w: World): Promise<void> {
  await writeFile(join(w.root, 'src/add.js'), ADD_V1);
  const drafts: EventDraft[] = [
    { type: 'requirement.added', actor: 'human', data: { text: 'add(a, b) returns the sum' } },
    { type: 'decision.recorded', actor: 'human', data: { title: 'Arrow functions in src/', rationale: 'short' } },
    {
      type: 'task.created',
      actor: 'human',
      data: { title: 'Implement add', role: 'implementer', requirements: ['R-1'], decisions: ['D-1'], acceptance: ['add works'] },
    },
    { type: 'task.claimed', actor: 'implementer', data: { id: 'T-1', assignee: 'implementer' } },
    { type: 'task.started', actor: 'implementer', data: { id: 'T-1' } },
    { type: 'link.added', actor: 'implementer', data: { entity: 'T-1', path: 'src/add.js', hash: hashLines(ADD_V1) } },
    {
      type: 'task.completed',
      actor: 'implementer',
      data: { id: 'T-1', evidence: [{ kind: 'command', command: 'node check.mjs', exitCode: 0 }] },
    },
  ];
  await w.ws.store.appendAll(drafts);
}

const task = (title: string, extra: Record<string, unknown> = {}): EventDraft => ({
  type: 'task.created',
  actor: 'human',
  data: { title, role: 'implementer', acceptance: ['it works'], ...extra },
});

const complete = { name: 'complete_task', input: { acceptance: [{ criterion: 'it works', how: 'node check.mjs' }] } };

/** The planner creates `first`, then `second`: the second is refused as a duplicate and only one task exists. */
function duplicateTaskScenario(name: string, first: string, second: string): { name: string; run: () => Promise<ScenarioResult> } {
  const make = (title: string) => ({ name: 'create_task', input: { title, role: 'implementer', acceptance: ['it works'] } });
  return {
    name: `${name} ("${first}" / "${second}")`,
    run: () =>
      withWorld(async (w) => {
        await w.run(
          { roles: { planner: [{ tools: [make(first)] }, { tools: [make(second)] }, { text: 'Planned.' }] } },
          { goal: 'slugify' },
        );
        const refusal = w.refusals.find((r) => r.includes('[duplicate-task]')) ?? '';
        return { name, caught: refusal !== '' && [...w.ws.store.view.rows('tasks')].length === 1, refusal };
      }),
  };
}

export const SCENARIOS: { name: string; run: () => Promise<ScenarioResult> }[] = [
  duplicateTaskScenario('near-duplicate task', 'Implement the slugify function', 'Write slugify function'),
  duplicateTaskScenario('near-duplicate task, filler words only', 'Implement slugify', 'Implement the slugify function'),
  {
    name: 'rewrite of a function a done task owns',
    run: () =>
      withWorld(async (w) => {
        await seedDoneWork(w);
        await w.ws.store.append(task('Refactor the math helpers', { requirements: ['R-1'], decisions: ['D-1'], gate: [] }));
        const edit = { name: 'edit_file', input: { path: 'src/add.js', old_text: 'a + b', new_text: 'a - b' } };
        await w.run({
          tasks: {
            'T-2': { implementer: [{ tools: [edit] }, { tools: [{ name: 'link_code', input: { path: 'src/add.js' } }, complete] }] },
          },
        });
        const t1 = w.ws.store.view.get('tasks', 'T-1');
        const note = t1?.history.find((h) => h.from === 'done')?.note ?? '';
        return {
          name: 'rewrite of a function a done task owns',
          caught: t1?.status !== 'done' && /now exits 1/.test(note),
          refusal: `T-1 reopened: ${note}`,
        };
      }),
  },
  {
    name: 'completion claim without green tests',
    run: () =>
      withWorld(async (w) => {
        await w.ws.store.append(task('Implement add'));
        await w.run({ tasks: { 'T-1': { implementer: [{ text: 'Done, I think.', tools: [complete] }, { text: 'Stopping.' }] } } });
        const refusal = w.refusals.find((r) => r.includes('[gate-failed]')) ?? '';
        return {
          name: 'completion claim without green tests',
          caught: refusal !== '' && w.ws.store.view.get('tasks', 'T-1')?.status !== 'done',
          refusal,
        };
      }),
  },
  {
    name: 'implementation before its requirement exists',
    run: () =>
      withWorld(async (w) => {
        await w.ws.store.append(task('Implement add', { phase: 'implementation' }));
        const summary = await w.run({ roles: {} });
        return {
          name: 'implementation before its requirement exists',
          caught: summary.state === 'failed' && /no-requirement/.test(summary.reason),
          refusal: summary.reason,
        };
      }),
  },
  {
    name: "linked file edited behind the record's back",
    run: () =>
      withWorld(async (w) => {
        await seedDoneWork(w);
        await writeFile(join(w.root, 'src/add.js'), 'export const add = (a, b) => b + a;\n');
        const stale = await findStaleLinks(w.ws.store.view, w.root);
        const s = stale[0];
        const refusal = s
          ? `${s.path} ${s.reason} (${s.link} ${s.rel} ${s.entity}; tasks ${s.tasks.map((t) => `${t.id} [${t.status}]`).join(', ')}; ` +
            `requirements ${s.requirements.map((r) => r.id).join(', ')})`
          : '';
        return {
          name: "linked file edited behind the record's back",
          caught: stale.length === 1 && s?.tasks[0]?.id === 'T-1' && s.requirements[0]?.id === 'R-1',
          refusal,
        };
      }),
  },
  {
    name: 'tool loop',
    run: () =>
      withWorld(async (w) => {
        await writeFile(join(w.root, 'src/add.js'), ADD_V1);
        await w.ws.store.append(task('Implement add'));
        const read = { tools: [{ name: 'read_file', input: { path: 'src/add.js' } }] };
        await w.run({ tasks: { 'T-1': { implementer: [read, read, read, read, read] } } });
        const judgment = [...w.ws.store.view.rows('judgments')].find((j) => /looping/.test(j.question));
        return {
          name: 'tool loop',
          caught: judgment?.answer === 'stop' && w.ws.store.view.get('tasks', 'T-1')?.status === 'failed',
          refusal: `judgment ${judgment?.id ?? '?'}: ${judgment?.question ?? ''} -> ${judgment?.answer ?? ''}`,
        };
      }),
  },
  {
    name: 'handoff missing its context',
    run: () =>
      withWorld(async (w) => {
        await w.ws.store.appendAll([
          { type: 'requirement.added', actor: 'human', data: { text: 'add(a, b) returns the sum' } },
          { type: 'decision.recorded', actor: 'human', data: { title: 'Arrow functions', rationale: 'short' } },
          task('Implement add', { requirements: ['R-1'], decisions: ['D-1'], reviewRequired: true }),
        ]);
        const write = { name: 'write_file', input: { path: 'src/add.js', content: ADD_V1 } };
        await w.run({ tasks: { 'T-1': { implementer: [{ tools: [write, complete] }, { text: 'Stopping.' }] } } });
        const refusal = w.refusals.find((r) => r.includes('[handoff-incomplete]')) ?? '';
        return {
          name: 'handoff missing its context',
          caught: refusal !== '' && w.ws.store.view.get('tasks', 'T-1')?.status !== 'review',
          refusal,
        };
      }),
  },
  {
    name: 'budget overrun',
    run: () =>
      withWorld(async (w) => {
        await w.ws.store.append(task('Implement add', { gate: [] }));
        const chatter = { text: 'Thinking about it at some length. '.repeat(200) };
        const summary = await w.run({ tasks: { 'T-1': { implementer: [chatter, chatter, chatter, chatter, chatter] } } }, { usd: 0.001 });
        const judgment = [...w.ws.store.view.rows('judgments')].find((j) => j.askedBy === 'coordinator');
        return {
          name: 'budget overrun',
          caught: summary.state === 'budget' && judgment !== undefined,
          refusal: `run stopped: ${summary.reason}; judgment ${judgment?.id ?? '?'}: ${judgment?.question ?? ''}`,
        };
      }),
  },
];

export async function runDriftSuite(): Promise<{ total: number; caught: number; scenarios: ScenarioResult[] }> {
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) scenarios.push(await scenario.run());
  return { total: scenarios.length, caught: scenarios.filter((s) => s.caught).length, scenarios };
}

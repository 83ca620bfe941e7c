import { isAbsolute, join } from 'node:path';
import { reauditFinishedProposals } from '../audit/reaudit.js';
import { ScriptedModel } from '../model/scripted.js';
import type { ModelClient } from '../model/types.js';
import { DEMO_GOAL, prepareDemoProject } from '../runtime/demo.js';
import { Runtime } from '../runtime/runtime.js';
import { usageError } from '../shared/errors.js';
import { openWorkspace, type Workspace } from '../workspace/open.js';
import { demoPace, PacedModel } from './paced-model.js';
import { projectSearch, type ProjectSearch } from './session/retrieval.js';

/**
 * What `crucible-tui` works on: the project (or a fresh demo project), its
 * workspace, and — when there is a goal or open work — a runtime ready to run
 * with a person answering judgments (answerPolicy 'ask', interactive).
 */
export interface TuiOptions {
  dir?: string;
  goal?: string;
  demo?: boolean;
  model?: 'scripted' | 'anthropic';
  script?: string;
  maxUsd?: number;
  concurrency?: number;
  /** Demo only: milliseconds per streamed chunk (0 = full speed). */
  paceMs?: number;
}

export interface Launched {
  ws: Workspace;
  root: string;
  goal: string;
  runtime: Runtime | undefined;
  controller: AbortController;
  search: ProjectSearch | undefined;
  demo: boolean;
}

async function modelFor(ws: Workspace, options: TuiOptions): Promise<ModelClient> {
  const provider = options.model ?? ws.config.model.provider;
  if (provider === 'scripted') {
    const script = options.script ?? ws.config.model.script;
    if (!script) throw usageError('no-script', '--model scripted needs a script', 'pass --script FILE (see docs/model.md), or use --demo');
    return ScriptedModel.fromFile(isAbsolute(script) ? script : join(ws.paths.root, script));
  }
  // The SDK loads only when it is used (the demo and scripted runs never need it).
  const { createModelClient } = await import('../model/factory.js');
  return createModelClient({ ...ws.config.model, provider: 'anthropic' }, { root: ws.paths.root });
}

export async function launch(options: TuiOptions, onActivity: NonNullable<Parameters<typeof Runtime.create>[0]['onActivity']>): Promise<Launched> {
  const demo = options.demo === true;
  const root = demo ? await prepareDemoProject(options.dir) : options.dir;
  const ws = await openWorkspace({ dir: root, command: 'crucible-tui', waitForLockMs: 2000 });
  try {
    const controller = new AbortController();
    const search = projectSearch(ws);
    const goal = demo ? DEMO_GOAL : options.goal;
    const open = [...ws.store.view.rows('tasks')].some((t) => t.status !== 'done');
    let runtime: Runtime | undefined;
    if (goal || open) {
      const base = await modelFor(ws, demo ? { ...options, model: 'scripted', script: '.crucible/demo-script.yaml' } : options);
      const paceMs = options.paceMs ?? 25;
      const model = demo && paceMs > 0 ? new PacedModel(base, demoPace(paceMs)) : base;
      runtime = await Runtime.create({
        ws,
        model,
        ...(goal ? { goal } : {}),
        resume: !goal,
        answerPolicy: 'ask',
        interactive: true,
        onActivity,
        afterRun: reauditFinishedProposals,
        signal: controller.signal,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.maxUsd !== undefined ? { budget: { usd: options.maxUsd } } : {}),
        ...(search ? { searchDocs: search.searchDocs } : {}),
      });
    }
    return { ws, root: ws.paths.root, goal: runtime?.goal ?? goal ?? '', runtime, controller, search, demo };
  } catch (error) {
    await ws.close();
    throw error;
  }
}

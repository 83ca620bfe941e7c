// What `crucible-tui` works on: the project (or a fresh demo project), its
// workspace, and — for a goal or the demo, or later when the human asks — a
// runtime ready to run with a person answering judgments (answerPolicy 'ask', interactive).
import { demoModel, modelFor, type ModelClient } from '../app/model.js';
import { keylessModel, onlyClaudeCode, type AgentBackend } from '../app/backends.js';
import { openSession, type RunSettings, type Session } from '../app/session.js';
import { DEMO_GOAL, prepareDemoProject } from '../runtime/demo.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Workspace } from '../workspace/open.js';
import { projectSearch, type ProjectSearch } from './session/retrieval.js';

export interface TuiOptions {
  dir?: string;
  goal?: string;
  demo?: boolean;
  model?: 'scripted' | 'anthropic';
  script?: string;
  /** Every agent on this backend (`--backend`), whatever the config says per role. */
  backend?: AgentBackend;
  maxUsd?: number;
  concurrency?: number;
  /** Demo only: milliseconds per streamed chunk (0 = full speed). */
  paceMs?: number;
}

export interface Launched {
  ws: Workspace;
  session: Session;
  root: string;
  goal: string;
  runtime: Runtime | undefined;
  controller: AbortController;
  search: ProjectSearch | undefined;
  demo: boolean;
}

async function modelOf(session: Session, options: TuiOptions, demo: boolean): Promise<ModelClient> {
  // The scripted demo model holds nothing open (only the loopback `mock` kind needs closing).
  if (demo) return (await demoModel(session.ws.paths.root, { paceMs: options.paceMs ?? 25 })).model;
  if (onlyClaudeCode(session.ws, (await session.services.agents()).values(), options.backend))
    return keylessModel(session.ws.config.model.defaultModel);
  return modelFor(session.ws, {
    provider: options.model,
    script: options.script,
    noScriptFix: 'pass --script FILE (see docs/model.md), or use --demo',
  });
}

export type OnActivity = NonNullable<RunSettings['onActivity']>;

/** Opens the project; starts a runtime only for a goal or the demo (without one the record is browsed until the human asks). */
export async function launch(options: TuiOptions, onActivity: OnActivity): Promise<Launched> {
  const demo = options.demo === true;
  const root = demo ? await prepareDemoProject(options.dir) : options.dir;
  const session = await openSession({ dir: root, command: 'crucible-tui', waitForLockMs: 2000 });
  const { ws } = session;
  try {
    const controller = new AbortController();
    const search = projectSearch(session);
    const goal = demo ? DEMO_GOAL : options.goal;
    const launched: Launched = { ws, session, root: ws.paths.root, goal: goal ?? '', runtime: undefined, controller, search, demo };
    if (goal) launched.runtime = await startRuntime(launched, options, onActivity);
    return launched;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** A runtime over the launched project: its goal, or (browsing) the open work in the record, resumed. */
export async function startRuntime(launched: Launched, options: TuiOptions, onActivity: OnActivity): Promise<Runtime> {
  const { session, goal, demo, controller } = launched;
  const runtime = await session.runtime(await modelOf(session, options, demo), {
    ...(goal ? { goal } : {}),
    resume: !goal,
    answerPolicy: 'ask',
    interactive: true,
    onActivity,
    signal: controller.signal,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.maxUsd !== undefined ? { budget: { usd: options.maxUsd } } : {}),
  });
  launched.goal = runtime.goal;
  launched.runtime = runtime;
  return runtime;
}

/** Whether the record has work a resumed run would pick up. */
export const hasOpenWork = (ws: Workspace): boolean =>
  [...ws.store.view.rows('tasks')].some((t) => t.status !== 'done' && t.status !== 'cancelled');

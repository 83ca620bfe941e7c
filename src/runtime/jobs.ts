// The effects behind the agent machine's `claim`, `prepare`, `judgment` and `gate`
// actors: claiming a task, building a job (its brief, tools and guards), waiting
// for the human, running the gate, and settling the task after.
import type { RunBudget } from '../model/budget.js';
import type { PriceTable } from '../model/pricing.js';
import type { ModelClient } from '../model/types.js';
import { claimTask } from '../tools/record-tools.js';
import { gateRunner } from '../tools/gate-runner.js';
import { gateCommandsFor } from '../tools/completion-tools.js';
import type { GateRunOptions, ToolContext } from '../tools/types.js';
import type { Workspace } from '../workspace/open.js';
import type { AgentActivity, AgentOutcome, TurnRunner } from './agent-loop.js';
import type { AgentDefinition } from './agent-definitions.js';
import type { GateRequest, Mailbox, PrepareInput, Prepared, Reply, WorkInput } from './agent-types.js';
import { goalBrief, reviewBrief, systemPromptFor, taskBrief } from './context-pack.js';
import type { GateResult } from '../gates/task-gates.js';
import type { JudgmentRouter } from './judgments.js';
import { renderTemplate, type Templates } from './prompts.js';
import { reverifyLinkedWork } from './reverify.js';
import { jobGuards } from './job-guards.js';
import { integrate } from './worktrees/merge.js';
import type { TaskTree, TaskTrees } from './worktrees/task-trees.js';
import { refusal } from '../record/refusal.js';
import { messageOf } from '../shared/errors.js';

export interface JobServices {
  ws: Workspace;
  agents: Map<string, AgentDefinition>;
  templates: Templates;
  model: ModelClient;
  modelFor: (agent: AgentDefinition) => string;
  maxTokens: number;
  budget: RunBudget;
  prices: PriceTable;
  judgments: JudgmentRouter;
  searchDocs?: ToolContext['searchDocs'];
  onActivity?: (agent: string, activity: AgentActivity) => void;
  /** The backend's turn for an agent when it is not the built-in loop (a Claude Code session). */
  turnFor?: (agent: AgentDefinition) => TurnRunner | undefined;
  /** A git worktree per work job (docs/worktrees.md); absent = every job shares the project root. */
  worktrees?: TaskTrees;
}

/** With a mailbox (the agent machine), judgment waits and gate runs go through the machine's states; a stop settles them at once. */
function toolContext(
  s: JobServices,
  agent: AgentDefinition,
  taskId: string | undefined,
  signal: AbortSignal,
  mailbox?: Mailbox,
  tree?: TaskTree,
): ToolContext {
  const root = tree?.root ?? s.ws.paths.root;
  // A work job's gate runs in its worktree, reading the root's linked dependencies; the merge gate names its own root.
  const where: GateRunOptions = tree ? { root: tree.root, shared: tree.shared } : {};
  const runGate = gateRunner({ root: s.ws.paths.root, config: s.ws.config });
  const base: ToolContext = {
    root,
    store: s.ws.store,
    config: s.ws.config,
    agent: {
      name: agent.name,
      role: agent.role,
      tools: agent.tools,
      writePaths: agent.writePaths,
      ...(agent.gateCommands ? { gateCommands: agent.gateCommands } : {}),
    },
    roles: [...new Set([...s.agents.values()].map((a) => a.role))],
    ...(taskId ? { taskId } : {}),
    signal,
    // A stop kills the gate's commands through its own signal and the run still answers (agent-logic's gate), so the killed run is recorded as before.
    runGate: mailbox
      ? (commands, sig, options) =>
          viaMachine(signal, false, (reply) =>
            mailbox.send({ type: 'agent.submitting', commands, ...(sig ? { signal: sig } : {}), options: { ...where, ...options }, reply }),
          )
      : (commands, sig, options) => runGate(commands, sig, { ...where, ...options }),
    awaitJudgment: mailbox
      ? (id) => viaMachine(signal, true, (reply) => mailbox.send({ type: 'agent.waiting', judgmentId: id, reply }))
      : (id, sig) => s.judgments.await(id, sig),
    ...(s.searchDocs ? { searchDocs: s.searchDocs } : {}),
    ...(tree ? { sharedPaths: tree.shared } : {}),
  };
  const trees = s.worktrees;
  if (tree && trees && taskId)
    base.integrate = (id, gate) =>
      id !== taskId
        ? Promise.resolve(refusal('not-your-task', `${id} is not the task this job works on (${taskId})`, `complete ${taskId}`))
        : integrate(trees, tree.root, {
            taskId,
            title: s.ws.store.view.get('tasks', taskId)?.title ?? taskId,
            author: agent.name,
            writePaths: agent.writePaths,
            ...gate,
            runGate: base.runGate!,
            signal,
          });
  base.onFileWritten = (path) =>
    reverifyLinkedWork({
      store: s.ws.store,
      root,
      path,
      actor: agent.name,
      gateCommandsOf: (id) => gateCommandsFor(base, id),
      runGate: (c) => runGate(c, signal, where),
    });
  return base;
}

/**
 * Asks the machine and waits for its reply. A job already stopped is not asked (a stopped machine
 * replies no more); with `rejectOnStop`, a stop while waiting rejects at once. The abort listener
 * goes when the request settles, so a long job does not pile them up on its signal.
 */
function viaMachine<T>(signal: AbortSignal, rejectOnStop: boolean, ask: (reply: Reply<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new Error('the job was stopped'));
    const onAbort = () => reject(new Error('the job was stopped'));
    const done = () => signal.removeEventListener('abort', onAbort);
    if (rejectOnStop) signal.addEventListener('abort', onAbort, { once: true });
    ask({
      resolve: (value) => {
        done();
        resolve(value);
      },
      reject: (error) => {
        done();
        reject(error);
      },
    });
  });
}

/** The gate run the agent machine's `gate` actor performs while it is submitting. */
/** The request's options name the tree (a work job's worktree, the merge worktree); the root otherwise. */
export function runGateFor(s: JobServices): (request: GateRequest) => ReturnType<NonNullable<ToolContext['runGate']>> {
  const runGate = gateRunner({ root: s.ws.paths.root, config: s.ws.config });
  return (request) => runGate(request.commands, request.signal, request.options);
}

export async function claimJob(s: JobServices, input: WorkInput): Promise<GateResult> {
  const agent = s.agents.get(input.name);
  if (!agent || input.job.kind !== 'work') return { ok: false, code: 'no-agent', reason: `no agent ${input.name}`, fix: 'check agents/' };
  const ctx = toolContext(s, agent, input.job.taskId, new AbortController().signal);
  const result = await claimTask(ctx, input.job.taskId);
  return result.ok ? { ok: true } : { ok: false, code: result.code, reason: result.reason, fix: result.fix };
}

/** Builds one job for the agent machine: its brief, tools and guards, and how its task is settled. */
export async function prepareJob(s: JobServices, input: PrepareInput): Promise<Prepared> {
  const agent = s.agents.get(input.name);
  if (!agent) return { ok: false, outcome: { kind: 'failed', reason: `no agent named ${input.name}`, retryable: false } };
  const { job, signal } = input;
  const taskId = job.kind === 'plan' || job.kind === 'audit' ? undefined : job.taskId;
  let tree: TaskTree | undefined;
  try {
    // Work happens in the task's worktree; a review reads the merged code at the root.
    tree = job.kind === 'work' && s.worktrees ? await s.worktrees.open(job.taskId) : undefined;
  } catch (error) {
    return {
      ok: false,
      outcome: {
        kind: 'failed',
        reason: `no worktree for ${job.kind === 'work' ? job.taskId : ''}: ${messageOf(error)}`,
        retryable: false,
      },
    };
  }
  const tools = toolContext(s, agent, taskId, signal, input.mailbox, tree);
  const view = s.ws.store.view;
  const task = taskId ? view.get('tasks', taskId) : undefined;
  if (taskId && !task) return { ok: false, outcome: { kind: 'failed', reason: `task ${taskId} vanished`, retryable: false } };
  const brief =
    job.kind === 'plan'
      ? goalBrief(view, s.templates, job.goal)
      : job.kind === 'audit'
        ? renderTemplate('audit-proposal', s.templates['audit-proposal'], {
            findings: job.findings,
            proposals: job.proposals ?? '(none)',
          })
        : job.kind === 'review'
          ? reviewBrief(view, s.templates, task!)
          : taskBrief(view, s.templates, agent, task!);
  const isFinished = () => {
    if (!taskId) return false;
    const now = s.ws.store.view.get('tasks', taskId);
    return job.kind === 'review'
      ? now?.status !== 'review'
      : now?.status === 'done' || now?.status === 'review' || now?.assignee !== agent.name;
  };
  const guards = jobGuards(s, agent, task?.id, task?.loopGuard ?? true, tools, () =>
    job.kind === 'work' && task ? taskBrief(s.ws.store.view, s.templates, agent, s.ws.store.view.get('tasks', task.id) ?? task) : brief,
  );
  const turn = s.turnFor?.(agent);
  let settled: Promise<void> | undefined;
  const settle = (outcome: AgentOutcome): Promise<void> =>
    (settled ??= job.kind === 'work' ? settleTask(s, agent.name, job.taskId, outcome) : Promise.resolve());
  return {
    ok: true,
    job: {
      guards,
      system: systemPromptFor(agent),
      brief,
      model: s.model,
      modelName: s.modelFor(agent),
      maxTurns: agent.maxTurns,
      maxTokens: s.maxTokens,
      tools,
      budget: s.budget,
      prices: s.prices,
      isFinished,
      quietMeansDone: job.kind === 'plan' || job.kind === 'audit',
      nudge:
        job.kind === 'review'
          ? 'The task is still waiting for your review: call review_task.'
          : `Your task ${taskId ?? ''} is not finished. Continue, then call complete_task with evidence for every acceptance criterion.`,
      onActivity: (activity: AgentActivity) => s.onActivity?.(agent.name, activity),
      signal,
      settle,
      ...(turn ? { turn } : {}),
    },
  };
}

/** A job that ended without finishing gives its task back (to retry) or marks it failed (to stop repeating). */
export async function settleTask(s: JobServices, agent: string, taskId: string, outcome: AgentOutcome): Promise<void> {
  const task = s.ws.store.view.get('tasks', taskId);
  if (!task || task.assignee !== agent || !['claimed', 'in_progress'].includes(task.status)) return;
  if (outcome.kind === 'finished') return;
  if (outcome.kind === 'incomplete' || (outcome.kind === 'failed' && !outcome.retryable)) {
    await s.ws.store.append({ type: 'task.failed', actor: 'coordinator', data: { id: taskId, reason: outcome.reason } });
    return;
  }
  // A model that could not be used leaves the task to the next run, which has a working key or network.
  const reason =
    outcome.kind === 'budget' || outcome.kind === 'failed'
      ? outcome.reason
      : outcome.kind === 'model_failed'
        ? outcome.error.message
        : 'cancelled';
  await s.ws.store.append({ type: 'task.released', actor: 'coordinator', data: { id: taskId, reason } });
}

import type { Judgment } from '../../record/tables.js';
import type { AgentActivity } from '../../runtime/agent-loop.js';
import { sessionOf, type Session } from '../../app/session.js';
import { AGENT_BACKENDS, keylessModel, onlyClaudeCode } from '../../app/backends.js';
import { lastGoal } from '../../runtime/resume.js';
import type { RunSummary } from '../../runtime/runtime.js';
import { usageError } from '../../shared/errors.js';
import { contextOf, emit, type CliContext } from '../context.js';
import { withServedWorkspace } from '../served-workspace.js';
import type { LiveHub } from '../../mcp/live-hub.js';
import { parseChoice, parsePositiveInt } from '../parse.js';
import { modelFromFlags } from '../model-flags.js';
import { isStopSignal, SIGNAL_EXIT_CODES, untilStopSignal } from '../stop-signals.js';
import type { Register } from './types.js';

/** `crucible run`'s exit status besides 0 (done), 1 (failed) and 2 (usage); a signal gives 128 + its number. */
export const EXIT_WAITING = 3;

interface RunFlags {
  goal?: string;
  model?: string;
  script?: string;
  backend?: string;
  maxUsd?: string;
  concurrency?: string;
  autoAnswer?: string;
  resume?: boolean;
  wait?: boolean;
}

export function activityPrinter(ctx: CliContext) {
  return (agent: string, activity: AgentActivity) => {
    if (ctx.json) return;
    if (activity.type === 'tool') ctx.io.err(`[${agent}] ${activity.name} ${activity.ok ? '->' : 'REFUSED'} ${activity.summary}\n`);
    else if (activity.type === 'retry') ctx.io.err(`[${agent}] retrying (${activity.attempt}): ${activity.error.message}\n`);
  };
}

/** The first line of a run's summary: its state, why, and what to do (a stopped run reads "run stopped: SIGTERM"). */
export function outcomeLine(summary: RunSummary): string {
  const state = summary.state === 'cancelled' ? 'stopped' : summary.state;
  return `run ${state}: ${summary.reason}${summary.fix ? `: ${summary.fix}` : ''}`;
}

export function summaryText(summary: RunSummary, answerWith: (id: string) => string = answerCommand()): string {
  const tasks =
    Object.entries(summary.tasks)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ') || 'none';
  const cost = `$${summary.usage.costUsd.toFixed(4)}${summary.usage.unknownCostTurns ? ` (+${summary.usage.unknownCostTurns} turns of unknown cost)` : ''}`;
  const waiting = (summary.waitingOn ?? []).map((j) => judgmentText(j, answerWith));
  return [
    outcomeLine(summary),
    ...waiting,
    `tasks: ${tasks}`,
    `usage: ${summary.usage.turns} turns, ${summary.usage.totalTokens} tokens, ${cost}`,
  ].join('\n');
}

/** The exact command that answers a judgment, with `--dir` when the run was pointed at another directory. */
export function answerCommand(dir?: string): (id: string) => string {
  const where = dir === undefined ? '' : ` --dir ${/^[\w./:@%+=,-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", "'\\''")}'`}`;
  return (id) => `crucible judgments answer ${id} <n>${where}`;
}

/** One pending judgment as the person reads it: who asks what, the numbered options, and how to answer. */
export function judgmentText(j: Judgment, answerWith: (id: string) => string): string {
  const options = j.options.map((o, i) => `  ${i + 1}. ${o.label}${o.tradeoffs ? ` (${o.tradeoffs})` : ''}`);
  return [
    `${j.id} asked by ${j.askedBy}${j.taskId ? ` for ${j.taskId}` : ''}: ${j.question}`,
    ...options,
    `  answer: ${answerWith(j.id)}`,
  ].join('\n');
}

export async function runWithFlags(
  ctx: CliContext,
  session: Session,
  flags: RunFlags,
  signal: AbortSignal,
  live?: LiveHub,
): Promise<RunSummary> {
  const { ws } = session;
  const answerWith = answerCommand(ctx.dir === undefined ? undefined : ws.paths.root);
  // Every flag is checked before anything is started, so a typo never costs a model call.
  const autoAnswer = parseChoice('--auto-answer', flags.autoAnswer, ['first'] as const);
  const maxUsd = flags.maxUsd === undefined ? undefined : Number(flags.maxUsd);
  if (maxUsd !== undefined && !(maxUsd > 0))
    throw usageError('bad-flag', `--max-usd: "${flags.maxUsd}" is not a positive number`, 'pass e.g. --max-usd 2.50');
  const backend = parseChoice('--backend', flags.backend, AGENT_BACKENDS);
  const concurrency = parsePositiveInt('--concurrency', flags.concurrency, ws.config.concurrency);
  if (concurrency < 1) throw usageError('bad-flag', '--concurrency must be at least 1', 'pass e.g. --concurrency 2');
  const goal = flags.goal ?? (await lastGoal(ws)) ?? '';
  if (!goal && [...ws.store.view.rows('tasks')].length === 0) {
    throw usageError('no-goal', 'nothing to run: no goal and no tasks', 'pass --goal "<what to build>"');
  }
  // Claude Code sessions bring their own login (a subscription or their own key): no API key is asked for then.
  const model = onlyClaudeCode(ws, (await session.services.agents()).values(), backend)
    ? keylessModel(ws.config.model.defaultModel)
    : await modelFromFlags(ws, flags);
  // Agents search the index when the project has one (`crucible ingest`); it opens on the first search.
  const runtime = await session.runtime(model, {
    goal,
    resume: flags.resume === true,
    answerPolicy: autoAnswer ?? 'ask',
    waitForAnswers: flags.wait === true,
    // Shown on stderr even with --json: it is for the person who has to answer.
    ...(flags.wait
      ? {
          onWaiting: (pending: Judgment[]) =>
            ctx.io.err(
              `waiting for your judgment (answer from another terminal; this run continues when you do):\n` +
                `${pending.map((j) => judgmentText(j, answerWith)).join('\n')}\n`,
            ),
        }
      : {}),
    concurrency,
    ...(backend ? { backend } : {}),
    ...(maxUsd !== undefined ? { budget: { usd: maxUsd } } : {}),
    onActivity: live ? both(activityPrinter(ctx), live.activity) : activityPrinter(ctx),
    // Shown on stderr even with --json, like the waiting notice.
    onNotice: (text: string) => ctx.io.err(`note: ${text}\n`),
    signal,
  });
  live?.attach(runtime);
  const summary = await runtime.run();
  live?.ended({
    state: summary.state,
    reason: summary.fix && summary.state === 'failed' ? `${summary.reason}: ${summary.fix}` : summary.reason,
  });
  return summary;
}

const both =
  (a: (agent: string, activity: AgentActivity) => void, b: (agent: string, activity: AgentActivity) => void) =>
  (agent: string, activity: AgentActivity) => {
    a(agent, activity);
    b(agent, activity);
  };

export const registerRun: Register = (program, base) => {
  program
    .command('run')
    .description('run the agents on a goal until every task is done, a judgment needs you, or the budget is reached')
    .option('--goal <text>', 'what to build (the planner turns it into requirements and tasks)')
    .option('--model <provider>', 'anthropic, openai or scripted (default: model.provider in config)')
    .option('--script <file>', 'the script for --model scripted')
    .option('--backend <name>', 'run every agent on builtin or claude-code (default: agents.backend / agents.backends in config)')
    .option('--max-usd <n>', 'stop new turns when the run has spent this much')
    .option('--concurrency <n>', 'agents working at once')
    .option('--auto-answer <policy>', '"first": answer judgments with their first option (scripts, CI)')
    .option('--resume', 'continue a stopped or crashed run (re-queues interrupted tasks)')
    .option(
      '--wait',
      'when the agents wait on your judgment, keep running until it is answered from another terminal (default: print it and exit 3)',
    )
    .action(async (flags: RunFlags, command) => {
      const ctx = contextOf(command, base);
      await untilStopSignal(async (signal) => {
        const { summary, root } = await withServedWorkspace(ctx, 'crucible run', async (session, live) => ({
          summary: await runWithFlags(ctx, session, flags, signal, live),
          root: session.ws.paths.root,
        }));
        const text = summaryText(summary, answerCommand(ctx.dir === undefined ? undefined : root));
        // A failure is one line on stderr, where scripts and people look for errors; the tasks and usage stay on stdout.
        if (summary.state === 'failed') ctx.io.err(`crucible: ${outcomeLine(summary)}\n`);
        emit(ctx, summary, () => (summary.state === 'failed' ? text.split('\n').slice(1).join('\n') : text));
        process.exitCode = exitCodeOf(summary, signal);
      });
    });
};

function exitCodeOf(summary: RunSummary, signal: AbortSignal): number {
  if (summary.state === 'failed') return 1;
  // A budget stop also waits on you (raise it or stop), and work is left open: `crucible run && deploy` must not go on.
  if (summary.state === 'waiting' || summary.state === 'budget') return EXIT_WAITING;
  if (summary.state === 'cancelled' && isStopSignal(signal.reason)) return SIGNAL_EXIT_CODES[signal.reason];
  return 0;
}

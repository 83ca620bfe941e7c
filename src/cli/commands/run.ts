import type { AgentActivity } from '../../runtime/agent-loop.js';
import { lastGoal, Runtime, type RunSummary } from '../../runtime/runtime.js';
import { usageError } from '../../shared/errors.js';
import type { Workspace } from '../../workspace/open.js';
import { contextOf, emit, withServedWorkspace, type CliContext } from '../context.js';
import { parseChoice, parsePositiveInt } from '../parse.js';
import { lazySearchDocs } from './retrieval.js';
import { modelFromFlags } from '../model-flags.js';
import type { Register } from './types.js';

interface RunFlags {
  goal?: string;
  model?: string;
  script?: string;
  maxUsd?: string;
  concurrency?: string;
  autoAnswer?: string;
  resume?: boolean;
}

export function activityPrinter(ctx: CliContext) {
  return (agent: string, activity: AgentActivity) => {
    if (ctx.json) return;
    if (activity.type === 'tool') ctx.io.err(`[${agent}] ${activity.name} ${activity.ok ? '->' : 'REFUSED'} ${activity.summary}\n`);
    else if (activity.type === 'retry') ctx.io.err(`[${agent}] retrying (${activity.attempt}): ${activity.error.message}\n`);
  };
}

export function summaryText(summary: RunSummary): string {
  const tasks = Object.entries(summary.tasks).map(([s, n]) => `${n} ${s}`).join(', ') || 'none';
  const cost = `$${summary.usage.costUsd.toFixed(4)}${summary.usage.unknownCostTurns ? ` (+${summary.usage.unknownCostTurns} turns of unknown cost)` : ''}`;
  return [`run ${summary.state}: ${summary.reason}`, `tasks: ${tasks}`, `usage: ${summary.usage.turns} turns, ${summary.usage.totalTokens} tokens, ${cost}`].join('\n');
}

export async function runWithFlags(ctx: CliContext, ws: Workspace, flags: RunFlags, signal: AbortSignal): Promise<RunSummary> {
  // Every flag is checked before anything is started, so a typo never costs a model call.
  const autoAnswer = parseChoice('--auto-answer', flags.autoAnswer, ['first'] as const);
  const maxUsd = flags.maxUsd === undefined ? undefined : Number(flags.maxUsd);
  if (maxUsd !== undefined && !(maxUsd > 0)) throw usageError('bad-flag', `--max-usd: "${flags.maxUsd}" is not a positive number`, 'pass e.g. --max-usd 2.50');
  const concurrency = parsePositiveInt('--concurrency', flags.concurrency, ws.config.concurrency);
  if (concurrency < 1) throw usageError('bad-flag', '--concurrency must be at least 1', 'pass e.g. --concurrency 2');
  const goal = flags.goal ?? (await lastGoal(ws)) ?? '';
  if (!goal && [...ws.store.view.rows('tasks')].length === 0) {
    throw usageError('no-goal', 'nothing to run: no goal and no tasks', 'pass --goal "<what to build>"');
  }
  const model = await modelFromFlags(ws, flags);
  // Agents search the index when the project has one (`crucible ingest`); it opens on the first search.
  const searchDocs = lazySearchDocs(ws);
  const runtime = await Runtime.create({
    ...(searchDocs ? { searchDocs } : {}),
    ws,
    model,
    goal,
    resume: flags.resume === true,
    answerPolicy: autoAnswer ?? 'ask',
    concurrency,
    ...(maxUsd !== undefined ? { budget: { usd: maxUsd } } : {}),
    onActivity: activityPrinter(ctx),
    signal,
  });
  return runtime.run();
}

export const registerRun: Register = (program, base) => {
  program
    .command('run')
    .description('run the agents on a goal until every task is done, a judgment needs you, or the budget is reached')
    .option('--goal <text>', 'what to build (the planner turns it into requirements and tasks)')
    .option('--model <provider>', 'anthropic or scripted (default: model.provider in config)')
    .option('--script <file>', 'the script for --model scripted')
    .option('--max-usd <n>', 'stop new turns when the run has spent this much')
    .option('--concurrency <n>', 'agents working at once')
    .option('--auto-answer <policy>', '"first": answer judgments with their first option (scripts, CI)')
    .option('--resume', 'continue a stopped or crashed run (re-queues interrupted tasks)')
    .action(async (flags: RunFlags, command) => {
      const ctx = contextOf(command, base);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const summary = await withServedWorkspace(ctx, 'crucible run', (ws) => runWithFlags(ctx, ws, flags, controller.signal));
        emit(ctx, summary, () => summaryText(summary));
        if (summary.state === 'failed') process.exitCode = 1;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
};

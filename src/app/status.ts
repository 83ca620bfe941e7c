import { z } from 'zod';
import { TASK_STATUSES } from '../record/events.js';
import { criticalPath } from '../record/queries.js';
import { worktreePath } from '../runtime/worktrees/location.js';
import type { Workspace } from '../workspace/open.js';

/** The project at a glance: what `crucible status`, the socket and the MCP `project_status` tool all report. */
export const projectStatusSchema = z
  .object({
    root: z.string(),
    head: z.number().int().min(0),
    tasks: z.record(z.enum(TASK_STATUSES), z.number().int().min(0)),
    requirements: z.number().int().min(0),
    decisions: z.number().int().min(0),
    documents: z.number().int().min(0),
    openProposals: z.number().int().min(0),
    pendingJudgments: z.array(z.string()),
    criticalPath: z.array(z.string()),
    tokens: z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() }).strict(),
    costUsd: z.number(),
    turnsWithUnknownCost: z.number(),
    /** Task worktrees that still exist: kept after a failed merge or an interrupted run (docs/worktrees.md). */
    worktrees: z.array(
      z
        .object({
          taskId: z.string(),
          path: z.string(),
          branch: z.string(),
          state: z.enum(['open', 'conflicted']),
          files: z.array(z.string()).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type ProjectStatus = z.infer<typeof projectStatusSchema>;

export function projectStatus(ws: Workspace): ProjectStatus {
  const view = ws.store.view;
  const tasks = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<(typeof TASK_STATUSES)[number], number>;
  for (const t of view.rows('tasks')) tasks[t.status] += 1;
  const counter = (name: string) => view.get('counters', name)?.value ?? 0;
  const count = (table: 'requirements' | 'decisions' | 'documents' | 'proposals') => [...view.rows(table)].length;
  return {
    root: ws.paths.root,
    head: ws.store.head(),
    tasks,
    requirements: count('requirements'),
    decisions: count('decisions'),
    documents: count('documents'),
    openProposals: [...view.rows('proposals')].filter((p) => p.status === 'open').length,
    pendingJudgments: [...view.rows('judgments')].filter((j) => j.status === 'pending').map((j) => j.id),
    criticalPath: criticalPath(view),
    tokens: {
      input: counter('tokens.input'),
      output: counter('tokens.output'),
      cacheRead: counter('tokens.cacheRead'),
      cacheWrite: counter('tokens.cacheWrite'),
    },
    costUsd: counter('cost.microUsd') / 1e6,
    turnsWithUnknownCost: counter('cost.unknownTurns'),
    worktrees: [...view.rows('worktrees')].map((w) => ({
      taskId: w.taskId,
      // Where Crucible looks for it now (a record from before worktrees moved out of the project names the old place).
      path: worktreePath(ws.paths.root, w.taskId),
      branch: w.branch,
      state: w.state,
      ...(w.files ? { files: w.files } : {}),
    })),
  };
}

export function statusText(status: ProjectStatus): string {
  const t = status.tasks;
  return [
    `${status.root}  (${status.head} events)`,
    `tasks      ${
      Object.entries(t)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ') || 'none'
    }`,
    `record     ${status.requirements} requirements, ${status.decisions} decisions, ${status.documents} documents, ${status.openProposals} open proposals`,
    `judgments  ${status.pendingJudgments.length ? `${status.pendingJudgments.length} pending (${status.pendingJudgments.join(', ')})` : 'none pending'}`,
    `critical   ${status.criticalPath.join(' -> ') || '-'}`,
    `usage      ${tokensText(status.tokens)}, $${status.costUsd.toFixed(4)}` +
      `${status.turnsWithUnknownCost ? ` (+${status.turnsWithUnknownCost} turns of unknown cost)` : ''}`,
    ...status.worktrees.map(
      (w) =>
        `worktree   ${w.taskId} ${w.path} (branch ${w.branch}${w.state === 'conflicted' ? `, conflicted in ${(w.files ?? []).join(', ')}` : ''})`,
    ),
  ].join('\n');
}

/**
 * Every token the model processed, as the run summary and the budget count them (`totalTokens`: fresh input,
 * cache writes and cache reads, and output), with the parts beside it.
 */
function tokensText(t: ProjectStatus['tokens']): string {
  const total = t.input + t.cacheWrite + t.cacheRead + t.output;
  const n = groupThousands;
  return `${n(total)} tokens (input ${n(t.input)}, cache writes ${n(t.cacheWrite)}, cache reads ${n(t.cacheRead)}, output ${n(t.output)})`;
}

/**
 * An integer as `toLocaleString('en-US')` writes it (1,234,567), without loading ICU's locale data: that
 * costs a short command more than everything else `status` prints. Anything but a safe integer goes to ICU.
 */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  const head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (let at = head; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${text}` : text;
}

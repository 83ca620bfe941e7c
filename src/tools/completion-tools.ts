import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventDraft, Evidence } from '../record/events.js';
import { hashLines } from '../shared/hash.js';
import { canKeepTestCount } from '../gates/test-count.js';
import { taskId } from '../record/ids.js';
import { canComplete, canHandOff, canReview, type GateResult } from '../gates/task-gates.js';
import { gateCommandsOf } from '../gates/gate-commands.js';
import { lastChars } from './bounded.js';
import { changedDuringGate, checkGateFiles } from './gate-tamper.js';
import { defineTool, ok, refusal, type ToolContext, type ToolResult } from './types.js';

/** Records the gate's verdict in the log, so refusals and their fixes are part of the record. */
async function recordGate(ctx: ToolContext, gate: string, id: string, result: GateResult): Promise<void> {
  await ctx.store.append({
    type: 'gate.checked',
    actor: 'coordinator',
    data: {
      gate,
      taskId: id,
      ok: result.ok,
      ...(result.ok ? {} : { code: result.code, reason: result.reason.slice(0, 4000), fix: result.fix }),
    },
  });
}

/** The configured gate (the role's, else the project's) plus the commands the task adds; see src/gates/gate-commands.ts. */
export function gateCommandsFor(ctx: ToolContext, id: string): readonly string[] {
  return gateCommandsOf(ctx.store.view.get('tasks', id), ctx.agent.gateCommands ?? ctx.config.gate.commands);
}

/**
 * The gate just passed on the current files: the task's code links (and those
 * of its requirements made during it) now vouch for exactly these lines.
 */
async function restampLinks(ctx: ToolContext, taskId: string, read: (path: string) => Promise<string | undefined>): Promise<EventDraft[]> {
  const task = ctx.store.view.get('tasks', taskId);
  const entities = new Set([taskId, ...(task?.requirements ?? [])]);
  const drafts: EventDraft[] = [];
  for (const link of ctx.store.view.rows('links')) {
    if (!entities.has(link.entity)) continue;
    const content = await read(link.path);
    if (content === undefined) continue;
    const hash = hashLines(content, link.range);
    if (hash !== link.hash) drafts.push({ type: 'link.verified', actor: 'coordinator', data: { id: link.id, hash } });
  }
  return drafts;
}

export async function completeTask(ctx: ToolContext, id: string, acceptance: { criterion: string; how: string }[]): Promise<ToolResult> {
  const task = ctx.store.view.get('tasks', id);
  if (!task) return refusal('unknown-id', `task ${id} does not exist`, 'complete the task you claimed');
  // Cheap checks first, so a task with missing evidence does not run the whole test suite.
  const precheck = canComplete(task, ctx.agent, { commands: [], acceptance });
  if (!precheck.ok) {
    await recordGate(ctx, 'complete', id, precheck);
    return refusal(precheck.code, precheck.reason, precheck.fix);
  }
  const handoff = canHandOff(ctx.store.view, task);
  if (!handoff.ok) {
    await recordGate(ctx, 'handoff', id, handoff);
    return refusal(handoff.code, handoff.reason, handoff.fix);
  }
  if (!ctx.runGate)
    return refusal('no-gate-runner', 'no coordinator is running gate commands here', 'complete the task inside `crucible run`');
  const gateFiles = await checkGateFiles(ctx, task);
  if (!gateFiles.ok) {
    await recordGate(ctx, 'complete', id, gateFiles);
    return refusal(gateFiles.code, gateFiles.reason, gateFiles.fix);
  }
  // The files that define the gate cannot change while it runs: no test rewrites another and puts it back.
  const readOnly = [...new Set(gateFiles.files.map((f) => f.path.split('#')[0]!))];
  const commands = await ctx.runGate(gateCommandsFor(ctx, id), ctx.signal, { readOnly });
  const rewritten = await changedDuringGate(ctx, task, gateFiles.files);
  if (rewritten) {
    await recordGate(ctx, 'complete', id, rewritten);
    return refusal(rewritten.code, rewritten.reason, rewritten.fix);
  }
  const vanished = canKeepTestCount(ctx.store.view, task, commands, gateFiles.approved);
  const verdict = vanished ?? canComplete(task, ctx.agent, { commands, acceptance });
  await recordGate(ctx, 'complete', id, verdict);
  if (!verdict.ok) return refusal(verdict.code, verdict.reason, verdict.fix);
  const evidence: Evidence[] = [
    ...commands.map((c) => ({
      kind: 'command' as const,
      command: c.command,
      exitCode: c.exitCode,
      outputTail: lastChars(c.outputTail, 2000),
    })),
    ...acceptance.map((a) => ({ kind: 'acceptance' as const, criterion: a.criterion, how: a.how })),
    { kind: 'gate-files' as const, files: gateFiles.files },
  ];
  const passed = `gate passed (${commands.map((c) => `\`${c.command}\` exit ${c.exitCode}`).join(', ') || 'no commands'})`;
  if (!ctx.integrate) {
    const fromTree = (path: string) => readFile(join(ctx.root, path), 'utf8').catch(() => undefined);
    await recordCompletion(ctx, task, evidence, await restampLinks(ctx, id, fromTree));
    return ok(`${passed}; ${id} ${task.reviewRequired ? 'is waiting for review' : 'is done'}`);
  }
  // In a worktree: merged and gated again before anything is recorded, so the record never says done for unmerged work.
  const merged = await ctx.integrate(id, { commands: gateCommandsFor(ctx, id), readOnly });
  if (!merged.ok) {
    await recordGate(ctx, 'merge', id, merged);
    return merged;
  }
  let landed = false;
  try {
    // Links vouch for the merge commit's lines, not for files the merged gate's commands could still write.
    await recordCompletion(ctx, task, evidence, [...merged.events, ...(await restampLinks(ctx, id, merged.readMerged))]);
    landed = true;
  } finally {
    await merged.release(landed);
  }
  return ok(`${passed}; merged and gated again; ${id} ${task.reviewRequired ? 'is waiting for review' : 'is done'}`);
}

/** One batch: what came before (merge events, link stamps), then the task submitted for review or completed. */
async function recordCompletion(
  ctx: ToolContext,
  task: { id: string; reviewRequired: boolean },
  evidence: Evidence[],
  before: EventDraft[],
) {
  const type = task.reviewRequired ? ('task.submitted' as const) : ('task.completed' as const);
  await ctx.store.appendAll([...before, { type, actor: ctx.agent.name, data: { id: task.id, evidence } }]);
}

export const completeTaskTool = defineTool({
  name: 'complete_task',
  description:
    'Finish your task. Give evidence for every acceptance criterion ({criterion, how}). ' +
    'The coordinator then runs the gate commands (the tests) itself; if they fail you get the output and must fix the cause.',
  kind: 'record',
  schema: z
    .object({
      task_id: taskId.optional(),
      acceptance: z
        .array(z.object({ criterion: z.string().min(1).max(2000), how: z.string().min(1).max(4000) }).strict())
        .max(50)
        .default([]),
    })
    .strict(),
  async run(input, ctx) {
    const id = input.task_id ?? ctx.taskId;
    if (!id) return refusal('no-task', 'you hold no task', 'claim a task first');
    return completeTask(ctx, id, input.acceptance);
  },
});

export const reviewTaskTool = defineTool({
  name: 'review_task',
  description: 'Sign off a task waiting for review (approve) or send it back (changes) with the exact reason.',
  kind: 'record',
  schema: z.object({ task_id: taskId.optional(), verdict: z.enum(['approve', 'changes']), notes: z.string().min(1).max(4000) }).strict(),
  async run(input, ctx) {
    const id = input.task_id ?? ctx.taskId;
    const task = id ? ctx.store.view.get('tasks', id) : undefined;
    if (!id || !task) return refusal('unknown-id', `task ${id ?? '(none)'} does not exist`, 'review the task you were given');
    const gate = canReview(task, ctx.agent);
    await recordGate(ctx, 'review', id, gate);
    if (!gate.ok) return refusal(gate.code, gate.reason, gate.fix);
    if (input.verdict === 'changes') {
      await ctx.store.append({ type: 'task.changes_requested', actor: ctx.agent.name, data: { id, reason: input.notes } });
      return ok(`sent ${id} back to ${task.assignee ?? 'its assignee'}: ${input.notes}`);
    }
    await ctx.store.append({
      type: 'task.completed',
      actor: ctx.agent.name,
      data: { id, evidence: [{ kind: 'review', reviewer: ctx.agent.name, verdict: 'approved', notes: input.notes }] },
    });
    return ok(`approved ${id}; it is done`);
  },
});

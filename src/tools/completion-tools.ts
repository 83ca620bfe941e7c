import { z } from 'zod';
import type { Evidence } from '../record/events.js';
import { taskId } from '../record/ids.js';
import { canComplete, canReview, type GateResult } from '../runtime/gates.js';
import { defineTool, ok, refused, type ToolContext, type ToolResult } from './types.js';

/** Records the gate's verdict in the log, so refusals and their fixes are part of the record. */
async function recordGate(ctx: ToolContext, gate: string, id: string, result: GateResult): Promise<void> {
  await ctx.store.append({
    type: 'gate.checked',
    actor: 'coordinator',
    data: { gate, taskId: id, ok: result.ok, ...(result.ok ? {} : { code: result.code, reason: result.reason.slice(0, 4000), fix: result.fix }) },
  });
}

export function gateCommandsFor(ctx: ToolContext, id: string): readonly string[] {
  const task = ctx.store.view.get('tasks', id);
  return task?.gate ?? ctx.agent.gateCommands ?? ctx.config.gate.commands;
}

export async function completeTask(ctx: ToolContext, id: string, acceptance: { criterion: string; how: string }[]): Promise<ToolResult> {
  const task = ctx.store.view.get('tasks', id);
  if (!task) return refused('unknown-id', `task ${id} does not exist`, 'complete the task you claimed');
  // Cheap checks first, so a task with missing evidence does not run the whole test suite.
  const precheck = canComplete(task, ctx.agent, { commands: [], acceptance });
  if (!precheck.ok) {
    await recordGate(ctx, 'complete', id, precheck);
    return refused(precheck.code, precheck.reason, precheck.fix);
  }
  if (!ctx.runGate) return refused('no-gate-runner', 'no coordinator is running gate commands here', 'complete the task inside `crucible run`');
  const commands = await ctx.runGate(gateCommandsFor(ctx, id), ctx.signal);
  const verdict = canComplete(task, ctx.agent, { commands, acceptance });
  await recordGate(ctx, 'complete', id, verdict);
  if (!verdict.ok) return refused(verdict.code, verdict.reason, verdict.fix);
  const evidence: Evidence[] = [
    ...commands.map((c) => ({ kind: 'command' as const, command: c.command, exitCode: c.exitCode, outputTail: c.outputTail.slice(-2000) })),
    ...acceptance.map((a) => ({ kind: 'acceptance' as const, criterion: a.criterion, how: a.how })),
  ];
  if (task.reviewRequired) {
    await ctx.store.append({ type: 'task.submitted', actor: ctx.agent.name, data: { id, evidence } });
    return ok(`gate passed (${commands.map((c) => `\`${c.command}\` exit ${c.exitCode}`).join(', ') || 'no commands'}); ${id} is waiting for review`);
  }
  await ctx.store.append({ type: 'task.completed', actor: ctx.agent.name, data: { id, evidence } });
  return ok(`gate passed (${commands.map((c) => `\`${c.command}\` exit ${c.exitCode}`).join(', ') || 'no commands'}); ${id} is done`);
}

export const completeTaskTool = defineTool({
  name: 'complete_task',
  description:
    'Finish your task. Give evidence for every acceptance criterion ({criterion, how}). The coordinator then runs the gate commands (the tests) itself; if they fail you get the output and must fix the cause.',
  kind: 'record',
  schema: z
    .object({
      task_id: taskId.optional(),
      acceptance: z.array(z.object({ criterion: z.string().min(1).max(2000), how: z.string().min(1).max(4000) }).strict()).max(50).default([]),
    })
    .strict(),
  async run(input, ctx) {
    const id = input.task_id ?? ctx.taskId;
    if (!id) return refused('no-task', 'you hold no task', 'claim a task first');
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
    if (!id || !task) return refused('unknown-id', `task ${id ?? '(none)'} does not exist`, 'review the task you were given');
    const gate = canReview(task, ctx.agent);
    await recordGate(ctx, 'review', id, gate);
    if (!gate.ok) return refused(gate.code, gate.reason, gate.fix);
    if (input.verdict === 'changes') {
      await ctx.store.append({ type: 'task.changes_requested', actor: ctx.agent.name, data: { id, reason: input.notes } });
      return ok(`sent ${id} back to ${task.assignee ?? 'its assignee'}: ${input.notes}`);
    }
    await ctx.store.append({ type: 'task.completed', actor: ctx.agent.name, data: { id, evidence: [{ kind: 'review', reviewer: ctx.agent.name, verdict: 'approved', notes: input.notes }] } });
    return ok(`approved ${id}; it is done`);
  },
});

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { decisionId, requirementId, taskId } from '../record/ids.js';
import { PHASES } from '../record/events.js';
import {
  duplicateRequirementRefusal,
  duplicateTaskRefusal,
  findDuplicateRequirement,
  findDuplicateTask,
} from '../gates/duplicate-tasks.js';
import { canClaim } from '../gates/task-gates.js';
import { canSetTaskGate } from '../gates/gate-commands.js';
import { linkOnce } from './code-links.js';
import { checkCommand } from './command-runner.js';
import { baselineOf } from './gate-tamper.js';
import { commitOf, gitHead } from '../shared/git.js';
import { hashLines } from '../shared/hash.js';
import { unknownRoleReason } from '../shared/roles.js';
import { resolveInWorkspace } from './sandbox.js';
import { defineTool, ok, refusal, type ToolContext } from './types.js';

export const addRequirementTool = defineTool({
  name: 'add_requirement',
  description: 'Add one requirement to the shared record: one testable sentence. Search first; never add one the record already holds.',
  kind: 'record',
  schema: z.object({ text: z.string().min(1).max(4000), priority: z.enum(['must', 'should', 'could']).default('must') }).strict(),
  async run(input, ctx) {
    const same = findDuplicateRequirement(ctx.store.view.rows('requirements'), input.text);
    if (same) return duplicateRequirementRefusal(same);
    const event = await ctx.store.append({
      type: 'requirement.added',
      actor: ctx.agent.name,
      data: { text: input.text, priority: input.priority, ...(ctx.taskId ? { source: ctx.taskId } : {}) },
    });
    return ok(`added ${event.data.id}`, { id: event.data.id });
  },
});

export const recordDecisionTool = defineTool({
  name: 'record_decision',
  description:
    'Record a design decision (ADR-style): title, context, choice, rationale; supersede an earlier decision by id rather than contradicting it.',
  kind: 'record',
  schema: z
    .object({
      title: z.string().min(1).max(300),
      context: z.string().max(4000).default(''),
      choice: z.string().max(4000).default(''),
      rationale: z.string().min(1).max(4000),
      supersedes: decisionId.optional(),
    })
    .strict(),
  async run(input, ctx) {
    const [event] = await ctx.store.appendAll([
      { type: 'decision.recorded', actor: ctx.agent.name, data: { ...input, choice: input.choice || input.title } },
    ]);
    const id = (event?.data as { id: string }).id;
    if (ctx.taskId)
      await ctx.store.append({ type: 'edge.added', actor: ctx.agent.name, data: { from: ctx.taskId, rel: 'implements', to: id } });
    return ok(`recorded ${id}${input.supersedes ? ` (supersedes ${input.supersedes})` : ''}`, { id });
  },
});

export const createTaskTool = defineTool({
  name: 'create_task',
  description:
    'Create a task for one role with dependencies and acceptance criteria. Refused when an open or done task already covers it. ' +
    '`gate` adds commands to the configured gate commands (never replaces or empties them).',
  kind: 'record',
  schema: z
    .object({
      title: z.string().min(1).max(300),
      role: z.string().min(1).max(60),
      description: z.string().max(8000).default(''),
      deps: z.array(taskId).max(50).default([]),
      acceptance: z.array(z.string().min(1).max(2000)).min(1).max(30),
      requirements: z.array(requirementId).max(30).default([]),
      decisions: z.array(decisionId).max(30).default([]),
      phase: z.enum(PHASES).optional(),
      review: z.boolean().default(false),
      phase_order: z.boolean().default(true),
      /** false for legitimately repetitive work the loop detector should not stop. */
      loop_guard: z.boolean().default(true),
      gate: z.array(z.string().min(1).max(1000)).max(10).optional(),
    })
    .strict(),
  async run(input, ctx) {
    const unknownRole = ctx.roles && unknownRoleReason(input.role, ctx.roles);
    if (unknownRole) return refusal('unknown-role', unknownRole, 'create the task for one of the known roles');
    const weakened = canSetTaskGate(input.gate);
    if (!weakened.ok) return refusal(weakened.code, weakened.reason, weakened.fix);
    for (const command of input.gate ?? []) {
      const allowed = checkCommand(command, ctx.config.commands);
      if (!allowed.ok)
        return refusal(
          'gate-not-allowed',
          `gate command \`${command}\` cannot run: ${allowed.reason}`,
          `${allowed.fix}; or leave it out (the configured gate commands run anyway)`,
        );
    }
    const duplicate = findDuplicateTask(ctx.store.view.rows('tasks'), input);
    if (duplicate) return duplicateTaskRefusal(duplicate);
    const { review, phase_order, loop_guard, gate, ...rest } = input;
    const event = await ctx.store.append({
      type: 'task.created',
      actor: ctx.agent.name,
      data: { ...rest, reviewRequired: review, phaseOrder: phase_order, loopGuard: loop_guard, ...(gate ? { gate } : {}) },
    });
    const status = ctx.store.view.get('tasks', event.data.id)?.status;
    return ok(`created ${event.data.id} (${status})`, { id: event.data.id });
  },
});

export async function claimTask(ctx: ToolContext, id: string) {
  const task = ctx.store.view.get('tasks', id);
  if (!task) return refusal('unknown-id', `task ${id} does not exist`, 'list tasks in the brief or the record');
  const gate = canClaim(ctx.store.view, task, ctx.agent);
  if (!gate.ok) return refusal(gate.code, gate.reason, gate.fix);
  // The gate-defining files as work starts: the baseline its completion is checked against (kept in the log across restarts).
  const gateFiles = await baselineOf(ctx, task);
  const base = gitHead(ctx.root);
  await ctx.store.appendAll([
    // Where the work starts: the diff of the task compares with it (src/app/diff/task-diff.ts).
    { type: 'task.claimed', actor: ctx.agent.name, data: { id, assignee: ctx.agent.name, ...(base ? { base } : {}) } },
    { type: 'task.started', actor: ctx.agent.name, data: { id, gateFiles } },
  ]);
  return ok(`claimed ${id}: ${task.title}`);
}

export const claimTaskTool = defineTool({
  name: 'claim_task',
  description: 'Claim a ready task for your role and start it. Refused while its dependencies are not done.',
  kind: 'record',
  schema: z.object({ task_id: taskId }).strict(),
  run: (input, ctx) => claimTask(ctx, input.task_id),
});

export const linkCodeTool = defineTool({
  name: 'link_code',
  description:
    'Link code or tests to a record entity (default: your task). rel "implements" for code, "verifies" for tests. ' +
    'The linked lines are hashed so later changes are noticed.',
  kind: 'record',
  schema: z
    .object({
      path: z.string().min(1).max(1000),
      start: z.number().int().min(1).optional(),
      end: z.number().int().min(1).optional(),
      entity: z
        .string()
        .regex(/^[RDTP]-[1-9][0-9]*$/)
        .optional(),
      rel: z.enum(['implements', 'verifies']).default('implements'),
    })
    .strict(),
  async run(input, ctx) {
    const entity = input.entity ?? ctx.taskId;
    if (!entity) return refusal('no-entity', 'there is no current task to link to', 'pass entity, e.g. T-3');
    const resolved = resolveInWorkspace(ctx.root, input.path);
    const content = await readFile(resolved.absolute, 'utf8').catch(() => undefined);
    if (content === undefined) return refusal('no-such-file', `${input.path} does not exist`, 'write the file first');
    const range = input.start ? { start: input.start, end: input.end ?? input.start } : undefined;
    const linked = await linkOnce(ctx.store, ctx.agent.name, {
      entity,
      path: resolved.relative,
      rel: input.rel,
      hash: hashLines(content, range),
      ...(range ? { range } : {}),
      ...(ctx.taskId ? { taskId: ctx.taskId } : {}),
      ...commitOf(ctx.root),
    });
    return ok(`${linked.existing ? 'already linked' : 'linked'} ${resolved.relative} to ${entity} (${input.rel}) as ${linked.id}`);
  },
});

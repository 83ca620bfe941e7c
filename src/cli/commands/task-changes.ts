// `crucible task edit|retry|reopen|release|cancel|split`: the human's changes to tasks,
// through the same operations the socket serves (so they work during a run too).
import type { Command } from 'commander';
import { taskId } from '../../record/ids.js';
import { cancelTaskOp, editTaskOp, releaseTaskOp, retryTaskOp, splitTaskOp } from '../../app/operations/index.js';
import { callWorkspaceOrSession, contextOf, emit, type CliContext } from '../context.js';
import { collectRepeatable, parseChoice, parseEntityId, parseIdList } from '../parse.js';
import type { CliBase } from './types.js';

interface EditOptions {
  title?: string;
  description?: string;
  accept?: string[];
  deps?: string;
  role?: string;
  loopGuard?: string;
  reason?: string;
}

/** The changes that take a task id and a recorded reason, and differ only in their operation and wording. */
const REASONED_CHANGES: {
  name: string;
  description: string;
  reasonHelp: string;
  run: (ctx: CliContext, input: { id: string; reason: string }) => Promise<{ status: string }>;
  said: (id: string, status: string, reason: string) => string;
}[] = [
  ...(['retry', 'reopen'] as const).map((name) => ({
    name,
    description:
      `${name === 'retry' ? 'try a failed task again' : 'reopen a done task'}: ` +
      'failed or done -> ready (blocked while its dependencies are not done), with the reason recorded',
    reasonHelp: 'why it must be done again',
    run: (ctx: CliContext, input: { id: string; reason: string }) => callWorkspaceOrSession(ctx, retryTaskOp, input),
    said: (id: string, status: string, reason: string) => `${id} is ${status} again: ${reason}`,
  })),
  {
    name: 'release',
    description: 'give up a claimed or in-progress task: back to ready (blocked while its dependencies are not done), reason recorded',
    reasonHelp: 'why it is let go',
    run: (ctx, input) => callWorkspaceOrSession(ctx, releaseTaskOp, input),
    said: (id, status, reason) => `Released ${id}; it is ${status}: ${reason}`,
  },
  {
    name: 'cancel',
    description: 'cancel a task that will not be done (refused while open tasks depend on it)',
    reasonHelp: 'why it will not be done',
    run: (ctx, input) => callWorkspaceOrSession(ctx, cancelTaskOp, input),
    said: (id, _status, reason) => `Cancelled ${id}: ${reason}`,
  },
];

export function registerTaskChanges(task: Command, base: CliBase): void {
  task
    .command('edit')
    .description('change a task: its text, acceptance, dependencies, role or loop guard (the reason is recorded)')
    .argument('<id>', 'a task id, e.g. T-1')
    .option('--title <text>', 'a new title')
    .option('--description <text>', 'a new description')
    .option('--accept <criterion>', 'an acceptance criterion (repeatable; replaces the list)', collectRepeatable)
    .option('--deps <ids>', 'the task ids it depends on, replacing the list ("" for none)')
    .option('--role <role>', 'the agent role that does it')
    .option('--loop-guard <on|off>', 'off for legitimately repetitive work the loop detector should not stop')
    .option('--reason <text>', 'why it changed')
    .action(async (id: string, opts: EditOptions, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const loopGuard = parseChoice('--loop-guard', opts.loopGuard, ['on', 'off'] as const);
      const edited = await callWorkspaceOrSession(ctx, editTaskOp, {
        id,
        ...(opts.title !== undefined ? { title: opts.title } : {}),
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.accept ? { acceptance: opts.accept } : {}),
        ...(opts.deps !== undefined ? { deps: parseIdList('--deps', opts.deps, taskId) } : {}),
        ...(opts.role !== undefined ? { role: opts.role } : {}),
        ...(loopGuard ? { loopGuard: loopGuard === 'on' } : {}),
        ...(opts.reason ? { reason: opts.reason } : {}),
      });
      emit(ctx, edited, `Edited ${id} (${edited.status})`);
    });
  for (const change of REASONED_CHANGES) {
    task
      .command(change.name)
      .description(change.description)
      .argument('<id>', 'a task id, e.g. T-1')
      .requiredOption('--reason <text>', change.reasonHelp)
      .action(async (id: string, opts: { reason: string }, command) => {
        const ctx = contextOf(command, base);
        parseEntityId('task id', id);
        const done = await change.run(ctx, { id, reason: opts.reason });
        emit(ctx, done, change.said(id, done.status, opts.reason));
      });
  }
  task
    .command('split')
    .description(
      'split a task nobody holds into smaller ones: same role, dependencies and requirements; its dependents wait for every part',
    )
    .argument('<id>', 'a task id, e.g. T-1')
    .requiredOption('--into <title>', 'the title of one part (repeat, at least twice)', collectRepeatable)
    .option('--reason <text>', 'why it is split')
    .action(async (id: string, opts: { into: string[]; reason?: string }, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const split = await callWorkspaceOrSession(ctx, splitTaskOp, {
        id,
        titles: opts.into,
        ...(opts.reason ? { reason: opts.reason } : {}),
      });
      emit(
        ctx,
        split,
        `Split ${id} into ${split.parts.join(', ')} (${id} is cancelled; add acceptance with \`crucible task edit <id> --accept\`)`,
      );
    });
}

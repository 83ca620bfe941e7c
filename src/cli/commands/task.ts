import { TASK_STATUSES, PHASES } from '../../record/events.js';
import { decisionId, requirementId, taskId } from '../../record/ids.js';
import { addTaskOp, listTasksOp } from '../../app/operations/index.js';
import { showTaskOp } from '../../mcp/operations-reads.js';
import { registerTaskChanges } from './task-changes.js';
import { registerTaskWork } from './task-work.js';
import { registerTaskDiff } from './task-diff.js';
import { callWorkspaceOrSession, contextOf, emit, withWorkspace } from '../context.js';
import { taskDetail, taskLine } from '../../record/render.js';
import { collectRepeatable, parseChoice, parseEntityId, parseIdList } from '../parse.js';
import type { Register } from './types.js';

interface AddOptions {
  role: string;
  deps?: string;
  accept?: string[];
  req?: string;
  decision?: string;
  phase?: string;
  description?: string;
  review?: boolean;
  /** false with --no-gate */
  gate?: boolean;
  allowSimilar?: boolean;
}

export const registerTask: Register = (program, base) => {
  const task = program.command('task').description('tasks: units of work with dependencies and acceptance criteria');
  task
    .command('add')
    .description('add a task; it is blocked until its dependencies are done')
    .argument('<title>', 'what the task delivers')
    .requiredOption('--role <role>', 'the agent role that does it (implementer, tester, ...)')
    .option('--deps <ids>', 'comma-separated task ids it depends on, e.g. T-1,T-2')
    .option('--accept <criterion>', 'an acceptance criterion (repeatable)', collectRepeatable)
    .option('--req <ids>', 'requirement ids it satisfies, e.g. R-1')
    .option('--decision <ids>', 'decision ids it implements, e.g. D-1')
    .option('--phase <phase>', `one of ${PHASES.join(', ')}`)
    .option('--description <text>', 'more detail for the agent')
    .option('--review', 'require a reviewer sign-off before done')
    .option('--no-gate', 'complete without the configured gate commands (only the human can record this)')
    .option('--allow-similar', 'add it even when a task with nearly the same words exists (never with the same title)')
    .action(async (title: string, opts: AddOptions, command) => {
      const ctx = contextOf(command, base);
      const added = await callWorkspaceOrSession(ctx, addTaskOp, {
        title,
        role: opts.role,
        deps: parseIdList('--deps', opts.deps, taskId),
        acceptance: opts.accept ?? [],
        requirements: parseIdList('--req', opts.req, requirementId),
        decisions: parseIdList('--decision', opts.decision, decisionId),
        description: opts.description ?? '',
        reviewRequired: opts.review === true,
        allowSimilar: opts.allowSimilar === true,
        ...(opts.phase ? { phase: parseChoice('--phase', opts.phase, PHASES) } : {}),
        ...(opts.gate === false ? { ungated: true } : {}),
      });
      emit(ctx, added, `Added ${added.id} (${added.status}): ${title}`);
    });
  task
    .command('list')
    .description('list tasks, optionally by status')
    .option('--status <status>', `one of ${TASK_STATUSES.join(', ')}`)
    .option('--role <role>', 'only tasks for this role')
    .action(async (opts: { status?: string; role?: string }, command) => {
      const ctx = contextOf(command, base);
      const status = parseChoice('--status', opts.status, TASK_STATUSES);
      const rows = await callWorkspaceOrSession(ctx, listTasksOp, {
        ...(status ? { status } : {}),
        ...(opts.role ? { role: opts.role } : {}),
      });
      emit(ctx, rows, () =>
        rows.length
          ? rows.map(taskLine).join('\n')
          : status
            ? `No ${status} tasks.`
            : 'No tasks yet. Add one with `crucible task add "<title>" --role implementer`.',
      );
    });
  task
    .command('show')
    .description('show one task with its evidence, history and trace')
    .argument('<id>', 'a task id, e.g. T-1')
    .action(async (id: string, _opts, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const found = await callWorkspaceOrSession(ctx, showTaskOp, { id });
      emit(ctx, found, () => taskDetail(found.task));
    });
  registerTaskChanges(task, base);
  registerTaskWork(task, base);
  registerTaskDiff(task, base);
};

import { TASK_STATUSES, PHASES } from '../../record/events.js';
import { trace } from '../../record/queries.js';
import { decisionId, requirementId, taskId } from '../../record/ids.js';
import { notFound, usageError } from '../../shared/errors.js';
import { unknownRoleReason } from '../../shared/roles.js';
import { loadAgentsFor } from '../../app/services.js';
import { listTasksOp } from '../../app/operations/index.js';
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
    .action(async (title: string, opts: AddOptions, command) => {
      const ctx = contextOf(command, base);
      const data = {
        title,
        role: opts.role,
        deps: parseIdList('--deps', opts.deps, taskId),
        acceptance: opts.accept ?? [],
        requirements: parseIdList('--req', opts.req, requirementId),
        decisions: parseIdList('--decision', opts.decision, decisionId),
        description: opts.description ?? '',
        reviewRequired: opts.review === true,
        ...(opts.phase ? { phase: parseChoice('--phase', opts.phase, PHASES) } : {}),
        ...(opts.gate === false ? { ungated: true } : {}),
      };
      const { event, status } = await withWorkspace(ctx, async (ws) => {
        const roles = [...new Set([...(await loadAgentsFor(ws.paths.root, ws.paths.agents)).values()].map((agent) => agent.role))];
        const unknown = unknownRoleReason(opts.role, roles);
        if (unknown)
          throw usageError(
            'unknown-role',
            `--role: ${unknown}`,
            'use one of the known roles, or add an agent file for it in .crucible/agents/',
          );
        const event = await ws.store.append({ type: 'task.created', actor: ctx.actor, data });
        return { event, status: ws.store.view.get('tasks', event.data.id)?.status };
      });
      emit(ctx, { id: event.data.id, seq: event.seq, status }, `Added ${event.data.id} (${status}): ${event.data.title}`);
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
      const found = await withWorkspace(ctx, async (ws) => {
        const row = ws.store.view.get('tasks', id);
        return row ? { task: row, trace: trace(ws.store.view, id) } : undefined;
      });
      if (!found) throw notFound('unknown-id', `task ${id} does not exist`, 'list tasks with `crucible task list`');
      emit(ctx, found, () => taskDetail(found.task));
    });
};

// `crucible task next|claim|complete`: a human works a task as an agent does.
// Claim and completion run the agents' own tools, so the gate commands run and
// every acceptance criterion needs evidence, exactly as for an agent.
import type { Command } from 'commander';
import { claimTaskOp, completeTaskOp, nextTaskOp } from '../../app/operations/index.js';
import { usageError } from '../../shared/errors.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import { collectRepeatable, parseEntityId } from '../parse.js';
import type { CliBase } from './types.js';

/** `criterion=how`, where the criterion is its text or its number (1 for the first). */
function parseEvidence(value: string): { criterion: string; how: string } {
  const at = value.indexOf('=');
  const criterion = at > 0 ? value.slice(0, at).trim() : '';
  const how = at > 0 ? value.slice(at + 1).trim() : '';
  if (!criterion || !how)
    throw usageError(
      'bad-flag',
      `--evidence: "${value}" is not <criterion>=<how>`,
      'pass e.g. --evidence "1=covered by test/slug.test.js"',
    );
  return { criterion, how };
}

export function registerTaskWork(task: Command, base: CliBase): void {
  task
    .command('next')
    .description('the next task that can be claimed now (for one role with --role), or why there is none')
    .option('--role <role>', 'only tasks for this role')
    .action(async (opts: { role?: string }, command) => {
      const ctx = contextOf(command, base);
      const next = await callWorkspaceOrSession(ctx, nextTaskOp, opts.role ? { role: opts.role } : {});
      emit(ctx, next, () =>
        next.id
          ? `${next.id} (${next.role}): ${next.title}\nclaim it with \`crucible task claim ${next.id}\``
          : ['No task can be claimed now.', ...next.why].join('\n'),
      );
    });
  task
    .command('claim')
    .description("claim a ready task and start it, as its role's agent would (the claim gate applies)")
    .argument('<id>', 'a task id, e.g. T-1')
    .action(async (id: string, _opts, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const claimed = await callWorkspaceOrSession(ctx, claimTaskOp, { id });
      emit(ctx, claimed, claimed.message);
    });
  task
    .command('complete')
    .description('complete a task you claimed: the gate commands run and every acceptance criterion needs evidence, as for an agent')
    .argument('<id>', 'a task id, e.g. T-1')
    .option(
      '--evidence <criterion=how>',
      'how one acceptance criterion is met (repeatable; the criterion by text or number)',
      collectRepeatable,
    )
    .action(async (id: string, opts: { evidence?: string[] }, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('task id', id);
      const acceptance = (opts.evidence ?? []).map(parseEvidence);
      const completed = await callWorkspaceOrSession(ctx, completeTaskOp, { id, acceptance });
      emit(ctx, completed, completed.message);
    });
}

import { addRequirementOp } from '../../app/operations/steer.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import { listRequirementsOp } from '../../mcp/operations-reads.js';
import { requirementLine } from '../../record/render.js';
import { parseChoice } from '../parse.js';
import type { Register } from './types.js';

export const registerReq: Register = (program, base) => {
  const req = program.command('req').description('requirements: what the project must do');
  req
    .command('add')
    .description('add a requirement')
    .argument('<text>', 'the requirement, in one sentence')
    .option('--priority <p>', 'must, should or could', 'must')
    .action(async (text: string, opts: { priority: string }, command) => {
      const ctx = contextOf(command, base);
      const priority = parseChoice('--priority', opts.priority, ['must', 'should', 'could'] as const) ?? 'must';
      const added = await callWorkspaceOrSession(ctx, addRequirementOp, { text, priority });
      emit(ctx, added, `Added ${added.id}: ${text}`);
    });
  req
    .command('list')
    .description('list requirements')
    .action(async (_opts, command) => {
      const ctx = contextOf(command, base);
      const rows = await callWorkspaceOrSession(ctx, listRequirementsOp, {});
      emit(ctx, rows, () =>
        rows.length ? rows.map(requirementLine).join('\n') : 'No requirements yet. Add one with `crucible req add "<text>"`.',
      );
    });
};

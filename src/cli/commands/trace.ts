import { kindOfId } from '../../record/ids.js';
import { traceOp } from '../../mcp/operations-reads.js';
import { callWorkspaceOrSession, contextOf, emit } from '../context.js';
import { traceText } from '../../record/render.js';
import { parseLocation } from '../parse.js';
import type { Register } from './types.js';

export const registerTrace: Register = (program, base) => {
  program
    .command('trace')
    .description('show what an id (or a code location) is linked to, in both directions; for a requirement, its impact set')
    .argument('<id>', 'e.g. R-1, T-3, D-2 or src/parse.ts:10-42')
    .action(async (id: string, _opts, command) => {
      const ctx = contextOf(command, base);
      if (!kindOfId(id)) parseLocation(id);
      const result = await callWorkspaceOrSession(ctx, traceOp, { id });
      emit(ctx, result, () => {
        const matched = 'matched' in result ? (result.matched as string[]) : [];
        const ranges = matched.some((m) => m !== id) ? `\nlinked ranges containing it: ${matched.join(', ')}` : '';
        const text = traceText(result) + ranges;
        if (!('impact' in result) || !result.impact) return text;
        const i = result.impact;
        return (
          `${text}\nimpact if ${id} changes: tasks ${i.tasks.join(', ') || '-'}; decisions ${i.decisions.join(', ') || '-'}; ` +
          `code ${i.code.join(', ') || '-'}; tests ${i.tests.join(', ') || '-'}`
        );
      });
    });
};

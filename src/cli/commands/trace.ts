import { kindOfId } from '../../record/ids.js';
import { impactOf, trace } from '../../record/queries.js';
import { entityExists } from '../../record/reduce/common.js';
import { Tx } from '../../record/tx.js';
import { notFound } from '../../shared/errors.js';
import { traceLocation } from '../../app/trace-location.js';
import { contextOf, emit, withWorkspace } from '../context.js';
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
      const result = await withWorkspace(ctx, async (ws) => {
        const view = ws.store.view;
        if (kindOfId(id) && !entityExists(new Tx(view), id))
          throw notFound('unknown-id', `${id} does not exist in the record`, 'list ids with `crucible req list` or `crucible task list`');
        const traced = kindOfId(id) ? trace(view, id) : traceLocation(view, id);
        if (!kindOfId(id) && traced.incoming.length === 0 && traced.outgoing.length === 0) {
          throw notFound(
            'unknown-location',
            `nothing in the record is linked to ${id}`,
            'link it with `crucible link <id> <path>[:start-end]`',
          );
        }
        return { ...traced, ...(kindOfId(id) === 'requirement' ? { impact: impactOf(view, id) } : {}) };
      });
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

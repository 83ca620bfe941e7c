import { readFile, stat } from 'node:fs/promises';
import { commitOf } from '../../shared/git.js';
import { hashLines } from '../../shared/hash.js';
import { notFound, usageError } from '../../shared/errors.js';
import { resolveInWorkspace } from '../../tools/sandbox.js';
import { contextOf, emit, withWorkspace } from '../context.js';
import { parseChoice, parseEntityId, parseLocation } from '../parse.js';
import type { Register } from './types.js';
import { codeNode } from '../../record/tables.js';

export const registerLink: Register = (program, base) => {
  program
    .command('link')
    .description('link a record entity to code or tests (path, path:line or path:start-end)')
    .argument('<id>', 'what the code belongs to, e.g. T-3 or R-1')
    .argument('<location>', 'e.g. src/parse.ts:10-42')
    .option('--rel <rel>', 'implements or verifies', 'implements')
    .action(async (id: string, location: string, opts: { rel: string }, command) => {
      const ctx = contextOf(command, base);
      parseEntityId('id', id);
      const rel = parseChoice('--rel', opts.rel, ['implements', 'verifies'] as const) ?? 'implements';
      const { path, range } = parseLocation(location);
      const event = await withWorkspace(ctx, async (ws) => {
        const resolved = resolveInWorkspace(ws.paths.root, path, { allowAbsolute: true });
        const info = await stat(resolved.absolute).catch(() => undefined);
        if (!info?.isFile())
          throw notFound('no-such-file', `${path}: no such file in the project`, 'link an existing file, relative to the project root');
        const content = await readFile(resolved.absolute, 'utf8');
        const lineCount = content.split('\n').length;
        if (range && range.end > lineCount)
          throw usageError('bad-location', `${location}: the file has only ${lineCount} lines`, `use a range within 1-${lineCount}`);
        return ws.store.append({
          type: 'link.added',
          actor: ctx.actor,
          data: {
            entity: id,
            path: resolved.relative,
            rel,
            hash: hashLines(content, range),
            ...(range ? { range } : {}),
            ...commitOf(ws.paths.root),
          },
        });
      });
      const where = codeNode(event.data.path, event.data.range);
      emit(
        ctx,
        { id: event.data.id, seq: event.seq, entity: id, location: where, rel },
        `Linked ${id} -> ${where} (${rel}) as ${event.data.id}`,
      );
    });
};

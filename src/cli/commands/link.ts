import { readFile, stat } from 'node:fs/promises';
import { commitOf } from '../../shared/git.js';
import { hashLines } from '../../shared/hash.js';
import { notFound, usageError } from '../../shared/errors.js';
import { linkOnce } from '../../tools/code-links.js';
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
        const linked = await linkOnce(ws.store, ctx.actor, {
          entity: id,
          path: resolved.relative,
          rel,
          hash: hashLines(content, range),
          ...(range ? { range } : {}),
          ...commitOf(ws.paths.root),
        });
        return { ...linked, where: codeNode(resolved.relative, range) };
      });
      const { where, ...linked } = event;
      emit(
        ctx,
        { ...linked, entity: id, location: where, rel },
        `${linked.existing ? 'Already linked' : 'Linked'} ${id} -> ${where} (${rel}) as ${linked.id}`,
      );
    });
};

import type { EventDraft } from '../../record/events.js';
import { openProjectRetrieval } from '../../app/search.js';
import type { IngestProgress, SearchMode } from '../../retrieval/index.js';
import { contextOf, emit, withWorkspace, type CliContext } from '../context.js';
import { parseChoice, parsePositiveInt } from '../parse.js';
import type { Register } from './types.js';

/** Progress on stderr: one redrawn line on a terminal (count, rate, ETA), plain lines otherwise. */
export function progressPrinter(ctx: CliContext, tty = process.stderr.isTTY === true): (p: IngestProgress) => void {
  let last = 0;
  // The redrawn line's own controls bypass the display filter, which would make them visible.
  const eraseLine = () => {
    if (tty) (ctx.io.control ?? ctx.io.err)('\r\x1b[K');
  };
  return (p) => {
    if (ctx.json) return;
    if (p.message) {
      eraseLine();
      ctx.io.err(`${p.message}\n`);
      return;
    }
    const now = Date.now();
    const finished = p.done === p.total;
    if (now - last < (tty ? 100 : 1000) && !finished) return;
    last = now;
    const eta = p.rate && p.rate > 0 && !finished ? `, ETA ${Math.ceil((p.total - p.done) / p.rate)} s` : '';
    const line = `${p.phase} ${p.done}/${p.total}${p.rate ? ` (${p.rate.toFixed(1)}/s${eta})` : ''}`;
    eraseLine();
    ctx.io.err(tty && !finished ? line : `${line}\n`);
  };
}

export const registerRetrieval: Register = (program, base) => {
  program
    .command('ingest')
    .description("index the project's documents and code for search (only changed files are re-embedded)")
    .argument('[paths...]', 'only these files or directories (default: the whole project)')
    .option('--embedder <name>', 'use-lite (default, offline semantic), hash (fast lexical), openai (configured endpoint) or none')
    .action(async (paths: string[], opts: { embedder?: string }, command) => {
      const ctx = contextOf(command, base);
      const summary = await withWorkspace(ctx, async (ws) => {
        const retrieval = await openProjectRetrieval(ws, {
          ...(opts.embedder ? { embedder: opts.embedder } : {}),
          onProgress: progressPrinter(ctx),
        });
        const result = await retrieval.ingest(paths.length ? { paths } : {});
        const drafts: EventDraft[] = result.documents
          .filter((d) => d.status !== 'unchanged')
          .map((d) =>
            d.status === 'removed'
              ? { type: 'document.removed', actor: ctx.actor, data: { path: d.path } }
              : { type: 'document.ingested', actor: ctx.actor, data: { path: d.path, hash: d.hash, chunks: d.chunks } },
          );
        const known = new Set([...ws.store.view.rows('documents')].map((d) => d.path));
        await ws.store.appendAll(drafts.filter((d) => d.type !== 'document.removed' || known.has(d.data.path)));
        return {
          files: result.filesSeen,
          chunks: result.chunksTotal,
          embedded: result.chunksEmbedded,
          skipped: result.filesSkipped.length,
          removed: result.filesRemoved,
          ...result,
          documents: result.documents.length,
          notices: retrieval.notices,
        };
      });
      emit(ctx, summary, () =>
        [
          `${summary.filesSeen} files: ${summary.filesAdded} added, ${summary.filesChanged} changed, ` +
            `${summary.filesRemoved} removed, ${summary.filesUnchanged} unchanged, ${summary.filesSkipped.length} skipped`,
          `${summary.chunksTotal} chunks; embedded ${summary.chunksEmbedded}, reused ${summary.chunksReused} ` +
            `(${summary.embedder ? `${summary.embedder.name}, ${summary.embedder.dimension} dims` : 'lexical only'}) in ${summary.ms} ms`,
          ...(summary.rebuilt ? [`index rebuilt: ${summary.rebuilt}`] : []),
        ].join('\n'),
      );
    });
  program
    .command('search')
    .description('search the ingested documents and code; every hit cites path:start-end')
    .argument('<query>', 'what you are looking for')
    .option('-k, --k <n>', 'how many hits', '5')
    .option('--mode <mode>', 'lexical (default), hybrid (dense re-ranking of lexical hits) or dense')
    .action(async (query: string, opts: { k: string; mode?: string }, command) => {
      const ctx = contextOf(command, base);
      const k = parsePositiveInt('--k', opts.k, 5);
      const mode = parseChoice('--mode', opts.mode, ['hybrid', 'lexical', 'dense'] as const) as SearchMode | undefined;
      const hits = await withWorkspace(ctx, async (ws) => (await openProjectRetrieval(ws)).search(query, { k, ...(mode ? { mode } : {}) }));
      emit(ctx, hits, () =>
        hits.length
          ? hits
              .map(
                (h) =>
                  `${h.citation}  (${h.score.toFixed(3)})${h.heading.length ? `  ${h.heading.join(' > ')}` : ''}\n${h.snippet.replace(/^/gm, '    ')}`,
              )
              .join('\n')
          : 'No hits. Run `crucible ingest` first if the index is empty.',
      );
    });
};

import type { EventDraft } from '../../record/events.js';
import { openProjectRetrieval } from '../../app/search.js';
import type { DocumentChange, FillSummary, IngestProgress } from '../../retrieval/index.js';
import type { Workspace } from '../../workspace/open.js';
import { contextOf, emit, withWorkspace, type CliContext } from '../context.js';
import type { VectorFillProgress } from '../../retrieval/index.js';
import { fillingLine, followBackgroundFill } from '../ingest-fill.js';
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

const perSecond = (count: number, ms: number): number => Math.round((count / Math.max(0.001, ms / 1000)) * 10) / 10;

/** document.ingested / document.removed for what changed (a removal only for a document the record knows). */
function documentEvents(ws: Workspace, actor: string, documents: readonly DocumentChange[]): EventDraft[] {
  const known = new Set([...ws.store.view.rows('documents')].map((d) => d.path));
  return documents
    .filter((d) => d.status !== 'unchanged' && (d.status !== 'removed' || known.has(d.path)))
    .map((d) =>
      d.status === 'removed'
        ? { type: 'document.removed', actor, data: { path: d.path } }
        : { type: 'document.ingested', actor, data: { path: d.path, hash: d.hash, chunks: d.chunks } },
    );
}

export const registerRetrieval: Register = (program, base) => {
  program
    .command('ingest')
    .description("index the project's documents and code for search; returns once lexical search is ready, vectors fill in behind")
    .argument('[paths...]', 'only these files or directories (default: the whole project)')
    .option('--embedder <name>', 'use-lite (default, offline semantic), hash (fast lexical), openai (configured endpoint) or none')
    .option('--wait', 'also wait until the vectors are embedded (default: a background process fills them in)')
    .action(async (paths: string[], opts: { embedder?: string; wait?: boolean }, command) => {
      const ctx = contextOf(command, base);
      const summary = await withWorkspace(ctx, async (ws) => {
        const retrieval = await openProjectRetrieval(ws, {
          ...(opts.embedder ? { embedder: opts.embedder } : {}),
          onProgress: progressPrinter(ctx),
        });
        const result = await retrieval.ingest({ ...(paths.length ? { paths } : {}), vectors: 'later', warmEmbedder: opts.wait === true });
        await ws.store.appendAll(documentEvents(ws, ctx.actor, result.documents));
        const lexical = { ms: result.ms, chunksPerSecond: perSecond(result.chunksTotal, result.ms) };
        let fill: FillSummary | null = null;
        let background: { pid: number; started: boolean; progress: VectorFillProgress | null } | null = null;
        const { readFillProgress, runningFill, startBackgroundFill } = await import('../../retrieval/index.js');
        if (result.vectors === 'pending' && opts.wait) {
          // A filler an earlier ingest started is followed to its end; the fill below then takes its vectors from the cache.
          if ((await runningFill(retrieval.indexDir)) !== null) await followBackgroundFill(retrieval.indexDir, progressPrinter(ctx));
          fill = await retrieval.fillVectors();
        } else if (result.vectors === 'pending') {
          const started = await startBackgroundFill({ root: retrieval.root, indexDir: retrieval.indexDir, config: retrieval.config });
          background = { ...started, progress: await readFillProgress(retrieval.indexDir) };
        }
        return {
          files: result.filesSeen,
          chunks: result.chunksTotal,
          embedded: result.chunksEmbedded + (fill?.embedded ?? 0),
          skipped: result.filesSkipped.length,
          removed: result.filesRemoved,
          ...result,
          vectors: fill ? ('ready' as const) : result.vectors,
          lexical,
          fill,
          background,
          documents: result.documents.length,
          notices: retrieval.notices,
        };
      });
      emit(ctx, summary, () =>
        [
          `${summary.filesSeen} files: ${summary.filesAdded} added, ${summary.filesChanged} changed, ` +
            `${summary.filesRemoved} removed, ${summary.filesUnchanged} unchanged, ${summary.filesSkipped.length} skipped`,
          `lexical search ready: ${summary.chunksTotal} chunks in ${summary.lexical.ms} ms (${summary.lexical.chunksPerSecond} chunks/s)`,
          summary.fill
            ? `vectors ready: embedded ${summary.fill.embedded} of ${summary.fill.chunks} chunks in ${summary.fill.ms} ms` +
              (summary.fill.rate ? ` (${summary.fill.rate} chunks/s)` : ' (all from the cache)')
            : summary.background
              ? fillingLine(summary.background.pid, summary.background.progress)
              : 'vectors: none (lexical only)',
          ...(summary.rebuilt ? [`index rebuilt: ${summary.rebuilt}`] : []),
        ].join('\n'),
      );
    });
};

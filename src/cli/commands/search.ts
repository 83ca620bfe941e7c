// `crucible search`: the ingested documents and code, ranked, every hit citing path:start-end.
// A lexical search only reads the index's chunk store, so it opens neither the record nor the
// vector index; hybrid and dense searches may rebuild the vector index, so they hold the record
// (as ingest does) while they run.
import { openProjectRetrieval, type ProjectIndex } from '../../app/search.js';
import type { SearchHit, SearchMode } from '../../retrieval/index.js';
import { loadConfig } from '../../workspace/config.js';
import { findWorkspaceRoot } from '../../workspace/find.js';
import { workspacePaths } from '../../workspace/paths.js';
import { callWorkspaceOrSession, contextOf, emit, type CliContext } from '../context.js';
import { searchIndexOp } from '../../mcp/operations-reads.js';
import { parseChoice, parsePositiveInt } from '../parse.js';
import type { Register } from './types.js';

async function searchProject(ctx: CliContext, query: string, k: number, mode: SearchMode | undefined): Promise<SearchHit[]> {
  const run = async (project: ProjectIndex) => (await openProjectRetrieval(project)).search(query, { k, ...(mode ? { mode } : {}) });
  const paths = workspacePaths(findWorkspaceRoot({ dir: ctx.dir, cwd: ctx.cwd }));
  const config = loadConfig(paths.config);
  if ((mode ?? config.retrieval.ranking.mode) === 'lexical') return run({ paths, config });
  return callWorkspaceOrSession(ctx, searchIndexOp, { query, k, ...(mode ? { mode } : {}) });
}

export const registerSearch: Register = (program, base) => {
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
      const hits = await searchProject(ctx, query, k, mode);
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

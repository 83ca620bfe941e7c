// The project's document index, the one way every surface reaches it: `crucible ingest` and
// `crucible search` open it directly; agents (run, TUI, MCP) get search_docs over the services'
// lazily opened copy. The index module is imported on use: it brings its native addon and the
// embedding model with it.
import { existsSync } from 'node:fs';
import type { IngestProgress, Retrieval, VectorFillProgress } from '../retrieval/index.js';
import type { ToolContext } from '../tools/types.js';
import type { Workspace } from '../workspace/open.js';

export type SearchDocs = NonNullable<ToolContext['searchDocs']>;

export interface OpenRetrievalOptions {
  /** Another embedder than the configured one (`crucible ingest --embedder`). */
  embedder?: string;
  onProgress?: (p: IngestProgress) => void;
}

/** What opening the index needs of a workspace: its paths and config (`crucible search` reads them without opening the record). */
export type ProjectIndex = Pick<Workspace, 'paths' | 'config'>;

/** Opens the project's index with the workspace's config, optionally with another embedder. */
export async function openProjectRetrieval(ws: ProjectIndex, options: OpenRetrievalOptions = {}): Promise<Retrieval> {
  const { embedderConfigFor, openRetrieval } = await import('../retrieval/index.js');
  const config = ws.config.retrieval;
  const embedder = options.embedder ? embedderConfigFor(options.embedder, config.embedder) : config.embedder;
  return openRetrieval({
    root: ws.paths.root,
    indexDir: ws.paths.index,
    config: { ...config, embedder },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** The index when the project has one (`crucible ingest` builds it), else undefined. */
export const openIndexIfAny = (ws: Workspace): Promise<Retrieval | undefined> =>
  existsSync(ws.paths.index) ? openProjectRetrieval(ws) : Promise.resolve(undefined);

/**
 * The agents' search_docs over an index opened on first use; undefined when the
 * project has no index yet, so the tool says so instead of searching nothing.
 */
export function searchDocsOver(ws: Workspace, retrieval: () => Promise<Retrieval | undefined>): SearchDocs | undefined {
  if (!existsSync(ws.paths.index)) return undefined;
  return async (query, k) => {
    const opened = await retrieval();
    return opened ? (await opened.search(query, { k })).map((h) => ({ citation: h.citation, score: h.score, snippet: h.snippet })) : [];
  };
}

/** The background vector fill's progress (`crucible ingest` starts it); null when none runs. Light: no index, no model. */
export async function vectorFillProgress(ws: Workspace): Promise<VectorFillProgress | null> {
  const { readFillProgress } = await import('../retrieval/fill-progress.js');
  return readFillProgress(ws.paths.index);
}

import { existsSync } from 'node:fs';
import type { ToolContext } from '../../tools/types.js';
import type { Workspace } from '../../workspace/open.js';
import type { SearchHit } from '../model/types.js';

/**
 * The project's retrieval index, opened on first use (it loads an embedder)
 * and shared by the agents' search_docs and the Search tab. Undefined when
 * the project has no index yet (`crucible ingest` builds it).
 */
export interface ProjectSearch {
  searchDocs: NonNullable<ToolContext['searchDocs']>;
  searchIndex: (query: string) => Promise<SearchHit[]>;
}

export function projectSearch(ws: Workspace): ProjectSearch | undefined {
  if (!existsSync(ws.paths.index)) return undefined;
  type Opened = Awaited<ReturnType<typeof import('../../cli/commands/retrieval.js')['openProjectRetrieval']>>;
  let opened: Promise<Opened> | undefined;
  const open = () => (opened ??= import('../../cli/commands/retrieval.js').then((m) => m.openProjectRetrieval(ws)));
  return {
    searchDocs: async (query, k) => (await (await open()).search(query, { k })).map((h) => ({ citation: h.citation, score: h.score, snippet: h.snippet })),
    searchIndex: async (query) =>
      (await (await open()).search(query, { k: 10 })).map((h) => ({ ref: h.citation, title: h.heading.join(' > ') || h.path, snippet: h.snippet, source: 'index' as const, score: h.score })),
  };
}

// The Search tab's view of the project's index: the session's copy, opened on
// the first search and shared with the agents' search_docs. Undefined when the
// project has no index yet (`crucible ingest` builds it).
import type { Session } from '../../app/session.js';
import type { SearchHit } from '../state/types.js';

export interface ProjectSearch {
  searchIndex: (query: string) => Promise<SearchHit[]>;
}

export function projectSearch(session: Session): ProjectSearch | undefined {
  if (!session.searchDocs) return undefined;
  return {
    searchIndex: async (query) => {
      const retrieval = await session.services.retrieval();
      const hits = retrieval ? await retrieval.search(query, { k: 10 }) : [];
      return hits.map((h) => ({
        ref: h.citation,
        title: h.heading.join(' > ') || h.path,
        snippet: h.snippet,
        source: 'index' as const,
        score: h.score,
      }));
    },
  };
}

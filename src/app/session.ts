// A session: the open workspace, its services (one lazy cache of agents, templates, the document
// index and the gate runner) and the runtimes built over them with a model (app/model). `crucible
// run`, `crucible demo`, `crucible audit` and crucible-tui compose their runs here, so the agent
// files and prompt templates are loaded once and every run gets search_docs the same way.
import { reauditFinishedProposals } from '../audit/reaudit.js';
import { Runtime, type RunOptions } from '../runtime/runtime.js';
import { openWorkspace, type OpenWorkspaceOptions, type Workspace } from '../workspace/open.js';
import type { ModelClient } from './model.js';
import type { SearchDocs } from './search.js';
import { backendTurns, type AgentBackend } from './backends.js';
import { workspaceServices, type ServiceCaches, type WorkspaceServices } from './services.js';

/** What a surface decides about a run; the session supplies the workspace, agents, templates and search. */
export type RunSettings = Omit<RunOptions, 'ws' | 'model' | 'agents' | 'templates' | 'searchDocs'> & {
  /** Give the agents search_docs over the project's index when it has one (default true). */
  search?: boolean;
  /** Run every agent on this backend, whatever the config says per role (`--backend`). */
  backend?: AgentBackend;
};

export interface Session {
  ws: Workspace;
  services: WorkspaceServices;
  /** The services' cache, for a socket served on the same workspace so it loads nothing twice. */
  caches: ServiceCaches;
  /** The agents' search_docs over the project's index, opened on the first search; undefined without an index. */
  searchDocs: SearchDocs | undefined;
  runtime(model: ModelClient, settings?: RunSettings): Promise<Runtime>;
  close(): Promise<void>;
}

/** The session over a workspace the caller opened (and may be serving). */
export function sessionOf(ws: Workspace, caches: ServiceCaches = {}): Session {
  const services = workspaceServices(ws, caches);
  const searchDocs = services.searchDocs();
  return {
    ws,
    services,
    caches,
    searchDocs,
    runtime: async (model, { search = true, backend, ...settings } = {}) => {
      const agents = await services.agents();
      const templates = await services.templates();
      const turnFor = backendTurns(ws, agents.values(), backend);
      // Every run ends with the re-audit of the proposals it implemented, unless the caller says otherwise.
      return Runtime.create({
        afterRun: reauditFinishedProposals,
        ...(search && searchDocs ? { searchDocs } : {}),
        ...(turnFor ? { turnFor } : {}),
        ...settings,
        ws,
        model,
        agents,
        templates,
      });
    },
    close: () => ws.close(),
  };
}

export async function openSession(options: OpenWorkspaceOptions): Promise<Session> {
  return sessionOf(await openWorkspace(options));
}

// What the record's operations need besides the open workspace: the document
// index, the agent files and prompt templates, and the coordinator's gate
// runner. Everything heavy is loaded on first use and kept in `caches`, which
// may outlive one opening of the workspace (the MCP server reopens it per burst
// of calls; the index and agent files do not live in LevelDB).
import { join } from 'node:path';
import type { Retrieval } from '../retrieval/index.js';
import type { AgentDefinition } from '../runtime/agent-definitions.js';
import type { Templates } from '../runtime/prompts.js';
import { PACKAGE_ROOT } from '../shared/package.js';
import type { ToolContext } from '../tools/types.js';
import type { Workspace } from '../workspace/open.js';
import { openIndexIfAny, searchDocsOver, type SearchDocs } from './search.js';
import { loadAgentsRemembered } from './agents-memo.js';

export interface ServiceCaches {
  retrieval?: Promise<Retrieval | undefined>;
  agents?: Promise<Map<string, AgentDefinition>>;
  templates?: Promise<Templates>;
}

export interface WorkspaceServices {
  ws: Workspace;
  runGate: NonNullable<ToolContext['runGate']>;
  retrieval(): Promise<Retrieval | undefined>;
  /** The agents' search_docs over `retrieval()`; undefined when the project has no index. */
  searchDocs(): SearchDocs | undefined;
  agents(): Promise<Map<string, AgentDefinition>>;
  templates(): Promise<Templates>;
}

export function workspaceServices(ws: Workspace, caches: ServiceCaches = {}): WorkspaceServices {
  const retrieval = () => (caches.retrieval ??= retry(openIndexIfAny(ws), () => delete caches.retrieval));
  return {
    ws,
    // The runner (and the command sandbox under it) is loaded on the first gate, not by every command that opens the record.
    runGate: async (commands, signal, options) => {
      const { gateRunner } = await import('../tools/gate-runner.js');
      return gateRunner({ root: ws.paths.root, config: ws.config })(commands, signal, options);
    },
    retrieval,
    searchDocs: () => searchDocsOver(ws, retrieval),
    agents: () => (caches.agents ??= retry(loadAgentsFor(ws.paths.root, ws.paths.agents), () => delete caches.agents)),
    templates: () =>
      (caches.templates ??= retry(
        import('../runtime/prompts.js').then(({ loadTemplates }) =>
          loadTemplates([join(PACKAGE_ROOT, 'prompts'), join(ws.paths.dir, 'prompts')]),
        ),
        () => delete caches.templates,
      )),
  };
}

/** A load that failed is not cached: the next call tries again (after the file is fixed, say). */
function retry<T>(load: Promise<T>, forget: () => void): Promise<T> {
  return load.catch((error: unknown) => {
    forget();
    throw error;
  });
}

/** The shipped agents plus the project's own (`.crucible/agents/`). */
export async function loadAgentsFor(root: string, projectAgents: string): Promise<Map<string, AgentDefinition>> {
  return loadAgentsRemembered([join(PACKAGE_ROOT, 'agents'), projectAgents], root);
}

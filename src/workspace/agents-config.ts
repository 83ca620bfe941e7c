// The `agents` config section: which backend runs each role's agents. `builtin` is Crucible's own
// loop over the Messages API; `claude-code` runs each job as a headless Claude Code session.
import { z } from 'zod';

export const AGENT_BACKENDS = ['builtin', 'claude-code'] as const;
export type AgentBackend = (typeof AGENT_BACKENDS)[number];

const roleName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role: lowercase letters, digits and -');

export const agentsConfigSchema = z
  .object({
    /** The backend every role uses unless `backends` names another for it. */
    backend: z.enum(AGENT_BACKENDS).default('builtin'),
    /** Per role, e.g. { "implementer": "claude-code" }. */
    backends: z.record(roleName, z.enum(AGENT_BACKENDS)).default({}),
  })
  .strict();

export type AgentsConfig = z.infer<typeof agentsConfigSchema>;

/** The backend for a role: an override (the `--backend` flag) first, then the role's own, then the default. */
export function backendFor(config: AgentsConfig, role: string, override?: AgentBackend): AgentBackend {
  return override ?? config.backends[role] ?? config.backend;
}

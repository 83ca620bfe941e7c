// A long-lived command's hold on the workspace (`crucible run`): a session over
// it, served to other terminals meanwhile. Apart from context.ts so that short
// commands do not load the session's runtime, model and MCP layers.
import { sessionOf, type Session } from '../app/session.js';
import { LiveHub } from '../mcp/live-hub.js';
import { serveHeldWorkspace } from '../mcp/operations.js';
import { messageOf } from '../shared/errors.js';
import { withWorkspace, type CliContext } from './context.js';

/**
 * Holds the workspace for a long-lived command and serves it to other
 * terminals meanwhile. If the socket cannot be served, the command still runs
 * (other terminals then get the "held by" line) and says why on stderr. The
 * command tells `live` about its run, so a crucible-tui can attach to it.
 */
export async function withServedWorkspace<T>(
  ctx: CliContext,
  command: string,
  fn: (session: Session, live: LiveHub) => Promise<T>,
): Promise<T> {
  return withWorkspace(
    ctx,
    async (ws) => {
      const session = sessionOf(ws);
      const live = new LiveHub(ws);
      const server = await serveHeldWorkspace(ws, { name: command, actor: ctx.actor, caches: session.caches, live }).catch(
        (error: unknown) => {
          ctx.io.err(`crucible: not serving other terminals: ${messageOf(error)}\n`);
          return undefined;
        },
      );
      try {
        return await fn(session, live);
      } finally {
        await server?.close();
      }
    },
    command,
  );
}

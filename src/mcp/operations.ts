// MCP's own operations (an agent session's tool calls and resources, run by
// whoever holds the record), and the one list a holder serves: the record's
// operations plus these. Every place that serves a held workspace (the CLI's
// long-lived commands, crucible-tui, crucible mcp) serves it through here.

import { z } from 'zod';
import { RECORD_OPERATIONS, call, type Operation } from '../app/operations/index.js';
import type { Workspace } from '../workspace/open.js';
import { serveWorkspace, type ServeOptions, type WorkspaceServer } from '../server/serve.js';
import type { LiveHub } from './live-hub.js';
import { liveOperations } from './operations-live.js';
import { READ_OPERATIONS } from './operations-reads.js';
import { listResources, readResource, resourceOutcomeSchema, resourcePageSchema } from './resources.js';
import { sessionSchema } from './session.js';
import { runSessionTool } from './tools.js';

/** An MCP session's tool call, run by whoever holds the record (the session names its actor and role). */
export const mcpToolOp = call({
  method: 'mcp.tool',
  audience: 'session',
  params: z.object({ session: sessionSchema, name: z.string().min(1).max(100), arguments: z.unknown().optional() }).strict(),
  result: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('invalid'), message: z.string() }).strict(),
    z
      .object({
        kind: z.literal('result'),
        result: z.discriminatedUnion('ok', [
          z.object({ ok: z.literal(true), content: z.string(), data: z.unknown().optional() }).strict(),
          z.object({ ok: z.literal(false), code: z.string(), reason: z.string(), fix: z.string() }).strict(),
        ]),
      })
      .strict(),
  ]),
  run: ({ services, signal }, { session, name, arguments: input }) => runSessionTool(services, session, name, input, signal),
});

export const mcpResourcesOp = call({
  method: 'mcp.resources',
  audience: 'session',
  params: z.object({ session: sessionSchema, cursor: z.string().max(20).optional() }).strict(),
  result: resourcePageSchema,
  run: ({ services }, { cursor }) => listResources(services, cursor),
});

export const mcpReadResourceOp = call({
  method: 'mcp.resource',
  audience: 'session',
  params: z.object({ session: sessionSchema, uri: z.string().min(1).max(2000) }).strict(),
  result: resourceOutcomeSchema,
  run: ({ services }, { session, uri }) => readResource(services, session, uri),
});

export const MCP_OPERATIONS: readonly Operation[] = [mcpToolOp, mcpResourcesOp, mcpReadResourceOp] as Operation[];

/** What a process holding the workspace serves to the others. */
export const HELD_WORKSPACE_OPERATIONS: readonly Operation[] = [...RECORD_OPERATIONS, ...READ_OPERATIONS, ...MCP_OPERATIONS];

/**
 * Serves a held workspace's socket with every operation other processes may
 * call; with `live`, also the live session (`live.watch`, `live.control`) a
 * crucible-tui attaches to.
 */
export const serveHeldWorkspace = (ws: Workspace, options: ServeOptions & { live?: LiveHub }): Promise<WorkspaceServer> =>
  serveWorkspace(ws, [...HELD_WORKSPACE_OPERATIONS, ...(options.live ? liveOperations(options.live) : [])], options);

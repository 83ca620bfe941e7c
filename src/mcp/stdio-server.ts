import type { Readable, Writable } from 'node:stream';
// The low-level Server, not McpServer: McpServer turns a malformed call into a tool
// result, and builds its own input schemas; Crucible's tools come with theirs.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { packageVersion } from '../shared/package.js';
import { formatToolResult } from '../tools/registry.js';
import type { ToolResult } from '../tools/types.js';
import { failure } from '../shared/errors.js';
import { RecordLease, type McpBackend } from './record-lease.js';
import { RESOURCE_TEMPLATES } from './resources.js';
import { sessionActor, type McpSession } from './session.js';
import { LineStdioTransport } from './stdio-transport.js';
import { checkToolCall, SESSION_TOOLS } from './tools.js';

/** MCP's code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

/** A JSON-RPC error answer (the SDK sends `code` and `message` as they are; McpError would prefix the message). */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const INSTRUCTIONS =
  'Crucible keeps one shared, gated record of this project (requirements, decisions, tasks, evidence).\n' +
  'Work through it: next_task finds what your role may do now; claim_task takes it; ' +
  'the resource crucible://tasks/<id>/brief is its brief with the context pack; ' +
  'search_docs and recall before you write; link_code what you write; ' +
  "complete_task with evidence for every acceptance criterion (the coordinator runs the project's gate commands itself).\n" +
  'A result marked as an error with a code (REFUSED [code]) is a gate: do exactly its Fix, then try again.';

export interface McpServerOptions {
  root: string;
  role: string;
  /** Let go of the record after this long without calls (default 1 s). */
  idleReleaseMs?: number;
  waitForLockMs?: number;
  stdin?: Readable;
  stdout?: Writable;
  /** Diagnostics (stderr): stdout carries only the protocol. */
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** The tools/list answer: every session tool with its zod schema as JSON Schema. */
export function mcpToolList(): McpTool[] {
  return SESSION_TOOLS.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.schema, { io: 'input' }) as McpTool['inputSchema'],
    annotations: { readOnlyHint: tool.readOnly, openWorldHint: false },
  }));
}

/** A Crucible result as MCP sees it: a refusal is an error result carrying the same {code, reason, fix}. */
export function toCallToolResult(result: ToolResult): CallToolResult {
  if (!result.ok)
    return {
      content: [{ type: 'text', text: formatToolResult(result) }],
      structuredContent: { code: result.code, reason: result.reason, fix: result.fix },
      isError: true,
    };
  const data = result.data;
  const structured =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? { structuredContent: data as Record<string, unknown> } : {};
  return { content: [{ type: 'text', text: result.content }], ...structured };
}

export function createMcpServer(backend: McpBackend, role: string): Server {
  const server = new Server(
    { name: 'crucible', title: 'Crucible', version: packageVersion() },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  const session = (): McpSession => ({ actor: sessionActor(server.getClientVersion()?.name), role });
  const tools = mcpToolList();
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: input = {} } = request.params;
    // Checked here too, so a malformed call never waits for the record.
    const invalid = checkToolCall(name, input);
    if (invalid) throw new ProtocolError(ErrorCode.InvalidParams, invalid);
    const outcome = await backend.callTool(session(), name, input, extra.signal);
    if (outcome.kind === 'invalid') throw new ProtocolError(ErrorCode.InvalidParams, outcome.message);
    return toCallToolResult(outcome.result);
  });
  server.setRequestHandler(ListResourcesRequestSchema, async (request) => backend.listResources(session(), request.params?.cursor));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: RESOURCE_TEMPLATES.map((t) => ({ ...t })) }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const outcome = await backend.readResource(session(), request.params.uri);
    if (outcome.kind === 'invalid') throw new ProtocolError(ErrorCode.InvalidParams, outcome.message);
    if (outcome.kind === 'not-found') throw new ProtocolError(RESOURCE_NOT_FOUND, outcome.message);
    const mimeType = outcome.uri.endsWith('/brief') ? 'text/markdown' : 'text/plain';
    return { contents: [{ uri: outcome.uri, mimeType, text: outcome.text }] };
  });
  return server;
}

/**
 * Serves one MCP client over stdio until it hangs up (or `signal` stops it),
 * then lets go of the record. Throws `mcp-transport` when the session ended
 * because stdin or stdout broke or a message was too long to read.
 */
export async function runMcpServer(options: McpServerOptions): Promise<void> {
  const backend = new RecordLease({
    root: options.root,
    idleReleaseMs: options.idleReleaseMs ?? 1000,
    waitForLockMs: options.waitForLockMs ?? 5000,
    log: options.log,
  });
  const server = createMcpServer(backend, options.role);
  const stdin = options.stdin ?? process.stdin;
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  server.onerror = (error) => options.log(`crucible mcp: ${error.message}`);
  const transport = new LineStdioTransport(stdin, options.stdout ?? process.stdout);
  await server.connect(transport);
  const hangUp = () => void server.close();
  stdin.once('end', hangUp);
  stdin.once('close', hangUp);
  options.signal?.addEventListener('abort', hangUp, { once: true });
  try {
    await closed;
  } finally {
    stdin.off('end', hangUp);
    stdin.off('close', hangUp);
    options.signal?.removeEventListener('abort', hangUp);
    await backend.close();
  }
  if (transport.fatal)
    throw failure(
      'mcp-transport',
      `crucible mcp: ${transport.fatal.message}`,
      'restart the MCP server from your client; send one JSON-RPC message per line, each under 4 MB',
    );
}

// Reads one line of MCP's stdio transport as JSON-RPC 2.0. The SDK's own
// transport drops a line it cannot read (it only calls onerror), which leaves
// the client waiting forever; here every such line gets the error the JSON-RPC
// spec names: -32700 for text that is not JSON, -32600 for JSON that is not a
// request/notification/response (no method, wrong `jsonrpc`, an id that is not
// a string or an integer, a batch), -32602 for a known method whose params do
// not match MCP's schema. The id is echoed only when it could be read.
import { ClientRequestSchema, ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { formatIssuePath, messageOf } from '../shared/errors.js';

export type LineVerdict = { message: JSONRPCMessage } | { reply: ErrorReply };

export interface ErrorReply {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

/** MCP's request schemas by method, to check params before the SDK throws them as an internal error. */
const requestSchemas = new Map(ClientRequestSchema.options.map((schema) => [schema.shape.method.value as string, schema]));

const isId = (id: unknown): id is string | number => typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));

export const errorReply = (id: string | number | null, code: number, message: string): ErrorReply => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
});

export function readLine(line: string): LineVerdict {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return { reply: errorReply(null, ErrorCode.ParseError, `Parse error: the line is not JSON (${messageOf(error)})`) };
  }
  if (Array.isArray(raw))
    return {
      reply: errorReply(null, ErrorCode.InvalidRequest, 'Invalid Request: batches are not supported; send one JSON-RPC message per line'),
    };
  if (raw === null || typeof raw !== 'object')
    return { reply: errorReply(null, ErrorCode.InvalidRequest, 'Invalid Request: a message must be a JSON object') };
  const m = raw as Record<string, unknown>;
  const id = isId(m.id) ? m.id : null;
  const invalid = (why: string) => ({ reply: errorReply(id, ErrorCode.InvalidRequest, `Invalid Request: ${why}`) });
  if (m.jsonrpc !== '2.0') return invalid('"jsonrpc" must be "2.0"');
  if ('id' in m && !isId(m.id)) return invalid('"id" must be a string or an integer');
  if (!('method' in m) && !('result' in m) && !('error' in m)) return invalid('a request needs a "method"');
  if ('method' in m && (typeof m.method !== 'string' || m.method === '')) return invalid('"method" must be a non-empty string');
  const parsed = JSONRPCMessageSchema.safeParse(raw);
  if (!parsed.success) return invalid(issueText(parsed.error.issues));
  const schema = typeof m.method === 'string' && 'id' in m ? requestSchemas.get(m.method) : undefined;
  const params = schema?.safeParse(raw);
  if (params && !params.success)
    return { reply: errorReply(id, ErrorCode.InvalidParams, `Invalid params for ${String(m.method)}: ${issueText(params.error.issues)}`) };
  return { message: parsed.data };
}

function issueText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const issue = issues[0];
  return issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'not a JSON-RPC 2.0 message';
}

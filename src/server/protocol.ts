// The workspace socket's wire format: line-delimited JSON-RPC 2.0. One JSON
// object per line; requests carry an id; a streaming request receives
// `stream.item` notifications for its id before its final response.
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

/** The server answers `hello` itself, first thing on each connection: who holds the record. */
export const helloResultSchema = z
  .object({ protocol: z.literal(PROTOCOL_VERSION), pid: z.number().int(), name: z.string(), root: z.string(), actor: z.string().max(120) })
  .strict();
export type Hello = z.infer<typeof helloResultSchema>;

/** A line longer than this is refused and the connection closed: nobody floods the holder's memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

export const RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  /** A Crucible error or refusal; `data` says which, with its code and fix. */
  application: -32000,
  /** The holder is shutting down and did not start the request: retry against whoever holds next. */
  closing: -32001,
  /** This connection already has as many streams open as it may: end one first. */
  busy: -32002,
} as const;

const requestId = z.union([z.number().int(), z.string().min(1).max(100)]);

export const requestSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: requestId,
    method: z.string().min(1).max(100),
    params: z.unknown().optional(),
  })
  .strict();

/** Notifications the client sends: `cancel` aborts one of its requests. */
export const clientNotificationSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    method: z.literal('cancel'),
    params: z.object({ id: requestId }).strict(),
  })
  .strict();

/** What an application error carries so the client can rebuild the same error. */
export const wireErrorDataSchema = z
  .object({
    kind: z.enum(['usage', 'not-found', 'refused', 'failure', 'refusal', 'schema']),
    code: z.string().max(200),
    fix: z.string().max(4000).optional(),
  })
  .strict();

export const errorObjectSchema = z.object({
  code: z.number().int(),
  message: z.string().max(64_000),
  data: wireErrorDataSchema.optional(),
});

export const responseSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: requestId, result: z.unknown() }).strict(),
  z.object({ jsonrpc: z.literal('2.0'), id: requestId.nullable(), error: errorObjectSchema }).strict(),
]);

export const streamItemSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    method: z.literal('stream.item'),
    params: z.object({ id: requestId, item: z.unknown() }).strict(),
  })
  .strict();

export const serverMessageSchema = z.union([responseSchema, streamItemSchema]);

export type RpcRequest = z.infer<typeof requestSchema>;
export type RpcId = z.infer<typeof requestId>;
export type RpcErrorObject = z.infer<typeof errorObjectSchema>;
export type WireErrorData = z.infer<typeof wireErrorDataSchema>;
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/**
 * Splits a byte stream into lines. Calls `onOverflow` (and stops) when a line
 * grows past the limit without a newline.
 */
export function lineSplitter(onLine: (line: string) => void, onOverflow: () => void, maxBytes = MAX_LINE_BYTES): (chunk: Buffer) => void {
  let pending = '';
  let overflowed = false;
  // A character split across two chunks is joined, not turned into two replacement characters.
  const decoder = new StringDecoder('utf8');
  return (chunk) => {
    if (overflowed) return;
    pending += decoder.write(chunk);
    for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
      const line = pending.slice(0, at).trim();
      pending = pending.slice(at + 1);
      if (line) onLine(line);
    }
    if (pending.length > maxBytes) {
      overflowed = true;
      pending = '';
      onOverflow();
    }
  };
}

/**
 * The longest socket path the OS takes (sun_path, less its NUL). Node silently
 * truncates a longer one, so it is checked before listening or connecting.
 */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

export const socketPathFits = (path: string): boolean => Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES;

export const encodeLine = (message: unknown): string => `${JSON.stringify(message)}\n`;

// What may be done to a workspace's record from any surface (CLI, TUI, the
// socket, MCP). Each operation is defined once, with zod schemas for its params
// and its result, and runs the same way whether the caller opened the record
// itself or reached the holder over the socket (src/server/access.ts decides which).

import type { z } from 'zod';
import type { WorkspaceServices } from '../services.js';
import type { Workspace } from '../../workspace/open.js';

export interface OperationEnv {
  ws: Workspace;
  services: WorkspaceServices;
  signal: AbortSignal;
  /**
   * Who a human operation is recorded as: the actor of the process that opened
   * the record (the holder, when served over the socket). Never taken from the
   * caller's params, so a socket client cannot claim to be "human".
   */
  actor: string;
}

/**
 * Who an operation acts for. `human`: recorded as the holder's actor, and
 * refused on a connection that works for an agent session. `session`: an agent
 * session's tools, recorded as that session; its params carry `session.actor`.
 * Unset: reads.
 */
export type Audience = 'human' | 'session';

export interface CallOperation<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  kind: 'call';
  method: string;
  audience?: Audience;
  params: P;
  result: R;
  run(env: OperationEnv, params: z.output<P>): Promise<z.output<R>> | z.output<R>;
}

/** Sends items until it returns (or the caller goes away), then a final response. */
export interface StreamOperation<P extends z.ZodType = z.ZodType, I extends z.ZodType = z.ZodType> {
  kind: 'stream';
  method: string;
  audience?: Audience;
  params: P;
  item: I;
  stream(env: OperationEnv, params: z.output<P>, emit: (item: z.output<I>) => Promise<void>): Promise<void>;
}

export type Operation = CallOperation | StreamOperation;

export const call = <P extends z.ZodType, R extends z.ZodType>(op: Omit<CallOperation<P, R>, 'kind'>): CallOperation<P, R> => ({
  kind: 'call',
  ...op,
});

/** Runs operations in this process, against a workspace it holds. */
export interface OperationCaller {
  call<P extends z.ZodType, R extends z.ZodType>(op: CallOperation<P, R>, params: z.input<P>, signal?: AbortSignal): Promise<z.output<R>>;
  stream<P extends z.ZodType, I extends z.ZodType>(
    op: StreamOperation<P, I>,
    params: z.input<P>,
    onItem: (item: z.output<I>) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

/** Params are parsed with the operation's own schema here too, so a local caller is validated exactly as a socket client is. */
export function localCaller(base: Omit<OperationEnv, 'signal'>): OperationCaller {
  const env = (signal?: AbortSignal): OperationEnv => ({ ...base, signal: signal ?? new AbortController().signal });
  return {
    call: async (op, params, signal) => op.run(env(signal), op.params.parse(params)),
    stream: (op, params, onItem, signal) =>
      op.stream(env(signal), op.params.parse(params), async (item) => {
        onItem(item);
      }),
  };
}

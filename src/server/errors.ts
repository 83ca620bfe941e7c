// Errors cross the socket as data and are rebuilt on the other side as the
// same error type, so a forwarded command prints the same line and exit code
// as one that opened the record itself.
import { RecordRefusal } from '../record/refusal.js';
import { EventSchemaError } from '../record/validate.js';
import { CrucibleError, failure, messageOf } from '../shared/errors.js';
import { RPC, type RpcErrorObject } from './protocol.js';

export function toWireError(error: unknown): RpcErrorObject {
  if (error instanceof CrucibleError)
    return {
      code: RPC.application,
      message: error.message,
      data: { kind: error.kind, code: error.code, ...(error.fix ? { fix: error.fix } : {}) },
    };
  if (error instanceof RecordRefusal)
    return { code: RPC.application, message: error.reason, data: { kind: 'refusal', code: error.code, fix: error.fix } };
  if (error instanceof EventSchemaError)
    return { code: RPC.application, message: error.detail, data: { kind: 'schema', code: error.where } };
  return { code: RPC.internal, message: `the holder failed: ${messageOf(error)}` };
}

export function fromWireError(error: RpcErrorObject, method: string): Error {
  const data = error.data;
  if (error.code === RPC.application && data) {
    if (data.kind === 'refusal') return new RecordRefusal(data.code, error.message, data.fix ?? 'see the reason');
    if (data.kind === 'schema') return new EventSchemaError(data.code, error.message);
    return new CrucibleError(data.code, error.message, { kind: data.kind, ...(data.fix ? { fix: data.fix } : {}) });
  }
  if (error.code === RPC.closing) return new HolderClosingError(error.message);
  return failure(
    'session-error',
    `the running session refused ${method}: ${error.message}`,
    'check that the holder and this command are the same Crucible version',
  );
}

/** The holder was shutting down and did not start the request: it is safe to retry elsewhere. */
export class HolderClosingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolderClosingError';
  }
}

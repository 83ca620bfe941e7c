/** Builds the one error shape every model client reports: a kind, a redacted message, retryable or not. */
import { redactSecrets } from '../shared/redact.js';
import type { ModelError, ModelErrorKind } from './types.js';

export const RETRYABLE_KINDS: ReadonlySet<ModelErrorKind> = new Set([
  'timeout',
  'rate_limited',
  'overloaded',
  'server_error',
  'connection',
  'stream_cut',
  'protocol',
]);

const FIX: Partial<Record<ModelErrorKind, string>> = {
  auth: 'check ANTHROPIC_API_KEY (crucible doctor tests it)',
  not_found: 'check the model name in .crucible/config.json or the agent front matter',
};

export function modelError(
  kind: ModelErrorKind,
  message: string,
  attempts: number,
  extra: { status?: number; retryAfterMs?: number; retryable?: boolean; fixes?: Partial<Record<ModelErrorKind, string>> } = {},
): ModelError {
  const fix = (extra.fixes ?? FIX)[kind];
  return {
    kind,
    message: redactSecrets(fix ? `${message} (fix: ${fix})` : message),
    retryable: extra.retryable ?? RETRYABLE_KINDS.has(kind),
    attempts,
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  };
}

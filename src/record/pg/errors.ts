// Turns what node-postgres throws into one line a user can act on, without the password.
import { CrucibleError, failure, messageOf } from '../../shared/errors.js';
import { redactUrl } from './url.js';

/** PostgreSQL error classes that mean the server or the connection, not the statement, failed. */
const UNAVAILABLE_CLASSES = ['08', '53', '57', '28', '3D'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return /Connection terminated|connection .*closed/i.test(messageOf(error));
  return NETWORK_CODES.has(code) || UNAVAILABLE_CLASSES.some((c) => code.startsWith(c));
}

/** The message of `error` with the URL's password (if any) taken out. */
function cleanMessage(error: unknown, url: string): string {
  const password = safePassword(url);
  const message = messageOf(error) || (error as { code?: string }).code || 'unknown error';
  return password ? message.split(password).join('***') : message;
}

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/** A failure to reach the record: what, where, how to fix. */
export function unavailable(error: unknown, url: string, doing: string): CrucibleError {
  if (error instanceof CrucibleError) return error;
  return failure(
    'record-unavailable',
    `cannot ${doing} the PostgreSQL record at ${redactUrl(url)}: ${cleanMessage(error, url)}`,
    'check the server is running and reachable, and the URL (record.url in .crucible/config.json or CRUCIBLE_RECORD_URL), ' +
      'user and password (PGPASSWORD or ~/.pgpass)',
    error,
  );
}

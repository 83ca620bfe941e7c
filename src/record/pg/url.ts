// The PostgreSQL record's address, validated where it enters (config or environment) and
// never shown with its password.
import { failure } from '../../shared/errors.js';

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** The URL with any password replaced by `***`, for messages and logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Why `raw` is not a usable PostgreSQL URL, or undefined when it is. */
export function recordUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (!PROTOCOLS.has(url.protocol)) return `must start with postgres:// (got ${url.protocol}//)`;
  if (!url.hostname && !url.searchParams.get('host')) return 'names no host';
  if (url.pathname.replace(/^\//, '') === '') return 'names no database';
  return undefined;
}

/** Validates a record URL from `where` (a config key or an environment variable); throws one clear line if it is unusable. */
export function parseRecordUrl(raw: string, where: string): string {
  const problem = recordUrlProblem(raw);
  if (problem)
    throw failure(
      'bad-record-url',
      `${where}: "${redactUrl(raw)}" ${problem}`,
      'use postgres://user@host:5432/database (put the password in PGPASSWORD or ~/.pgpass, not the URL)',
    );
  return raw;
}

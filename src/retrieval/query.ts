/** Validation of what a user or agent asks: the query text and the number of hits. */
import { usageError } from '../shared/errors.js';

export const MAX_K = 200;

/** Returns the query with control characters replaced and outer whitespace trimmed, or throws a usage error. */
export function validateQuery(query: unknown, maxChars: number): string {
  if (typeof query !== 'string') {
    throw usageError(
      'retrieval.query-invalid',
      `search query must be text, got ${query === null ? 'null' : typeof query}`,
      'pass the words to look for',
    );
  }
  const cleaned = query.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (cleaned.length === 0) {
    throw usageError('retrieval.query-empty', 'search query is empty', 'pass the words to look for, e.g. crucible search "retry policy"');
  }
  if (cleaned.length > maxChars) {
    throw usageError(
      'retrieval.query-too-long',
      `search query is ${cleaned.length} characters; the limit is ${maxChars}`,
      'search for the key words or a short question, or raise retrieval.maxQueryChars',
    );
  }
  return cleaned;
}

export function validateK(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw usageError('retrieval.k-invalid', `-k must be a whole number from 1 to ${MAX_K}, got ${String(k)}`, 'e.g. -k 10');
  }
  return k;
}

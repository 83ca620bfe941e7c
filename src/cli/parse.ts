import { usageError } from '../shared/errors.js';
import { anyEntityId, taskId } from '../record/ids.js';

/** Flag parsers that fail with one line naming the flag. */

export function parseIdList(flag: string, value: string | undefined, schema = taskId): string[] {
  if (value === undefined || value.trim() === '') return [];
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!schema.safeParse(id).success)
      throw usageError('bad-flag', `${flag}: "${id}" is not a valid id`, `use a comma-separated list like ${flag} T-1,T-2`);
  }
  return ids;
}

export function parseEntityId(what: string, value: string): string {
  if (!anyEntityId.safeParse(value).success)
    throw usageError('bad-id', `${what}: "${value}" is not an id`, 'use an id like R-1, D-2 or T-3');
  return value;
}

export function parsePositiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw usageError('bad-flag', `${flag}: "${value}" is not a whole number`, `pass e.g. ${flag} 10`);
  return Number(value);
}

export function parseChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw usageError('bad-flag', `${flag}: "${value}" is not one of ${choices.join(', ')}`, `pass one of: ${choices.join(', ')}`);
  return value as T;
}

/** `path`, `path:12` or `path:12-40`. */
export function parseLocation(value: string): { path: string; range?: { start: number; end: number } } {
  const match = /^(.*?)(?::(\d+)(?:-(\d+))?)?$/.exec(value);
  const path = match?.[1] ?? '';
  if (!path) throw usageError('bad-location', `"${value}" is not a location`, 'use path, path:12 or path:12-40');
  if (match?.[2] === undefined) return { path };
  const start = Number(match[2]);
  const end = match[3] === undefined ? start : Number(match[3]);
  if (start < 1 || end < start)
    throw usageError('bad-location', `"${value}": line range must be 1 or more and end at or after its start`, 'use e.g. src/a.ts:12-40');
  return { path, range: { start, end } };
}

export function collectRepeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

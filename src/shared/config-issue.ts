// One config problem as `key.path: what is wrong`, the first issue zod found.
// An unknown key names itself and the known key it most likely meant, e.g.
// `concurency: unknown key (did you mean "concurrency"?)`.
import type { z } from 'zod';
import { didYouMeanHint } from './did-you-mean.js';
import { formatIssuePath } from './errors.js';

export function describeConfigIssue(schema: z.ZodType, error: z.ZodError, prefix: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${formatIssuePath(prefix)}: invalid`;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = keysAt(schema, issue.path);
    const hint = didYouMeanHint(key, known) || (known.length > 0 ? ` (known keys: ${known.join(', ')})` : '');
    return `${formatIssuePath([...prefix, ...issue.path, key])}: unknown key${hint}`;
  }
  // A record key the schema refuses: zod's own words ("Invalid key in record") say less than the key's rule.
  if (issue.code === 'invalid_key')
    return `${formatIssuePath([...prefix, ...issue.path])}: not a valid key (${issue.issues[0]?.message ?? issue.message})`;
  return `${formatIssuePath([...prefix, ...issue.path])}: ${issue.message}`;
}

/** The keys an object schema at `path` accepts (for a union, those of every option). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const object of objectsAt(schema, path)) for (const key of Object.keys(object)) keys.add(key);
  return [...keys];
}

/** Internals of zod 4 schemas that wrap or hold other schemas (`_zod.def`). */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  element?: z.ZodType;
}

function objectsAt(schema: z.ZodType, path: readonly PropertyKey[]): Array<Record<string, z.ZodType>> {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const inner = def.innerType ?? def.in;
  if (inner) return objectsAt(inner, path);
  if (def.options) return def.options.flatMap((option) => objectsAt(option, path));
  const [head, ...rest] = path;
  if (head === undefined) return def.shape ? [def.shape] : [];
  const next = def.shape?.[String(head)] ?? def.valueType ?? def.element;
  return next ? objectsAt(next, rest) : [];
}

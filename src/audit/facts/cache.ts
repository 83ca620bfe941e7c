// The facts cache: each code file's facts under sha256(path, content), plus the
// last duplication result under a hash of every code file and the duplication
// config, in one JSON file in the workspace. A missing, corrupt or older-version
// file is an empty cache, never an error; the file is replaced atomically, and
// holds only the entries of the last audit, so it does not grow with history.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../retrieval/files.js';
import { looksLikePackedStream } from '../analyzers/duplication-shape.js';
import { sha256 } from '../../shared/hash.js';
import type { Finding, SourceFile } from '../types.js';
import { auditCodeVersion } from './code-version.js';
import type { FileFacts } from './types.js';

export interface DuplicationMemo {
  key: string;
  findings: Finding[];
}

export interface FactCache {
  facts: Map<string, FileFacts>;
  duplication?: DuplicationMemo;
}

interface CacheFile {
  version: string;
  facts: Record<string, FileFacts>;
  duplication?: DuplicationMemo;
}

export const factKey = (file: SourceFile): string => sha256(`${file.path}\u0000${file.content}`);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Enough of a FileFacts' shape that the passes cannot trip on it; anything else is re-extracted. */
const looksLikeFacts = (value: unknown): value is FileFacts =>
  isObject(value) &&
  ['functions', 'anys', 'commentLines', 'imports', 'exports'].every((key) => Array.isArray(value[key])) &&
  typeof value.hasRuntimeCode === 'boolean' &&
  isObject(value.mentions) &&
  looksLikePackedStream(value.duplication);

const looksLikeMemo = (value: unknown): value is DuplicationMemo =>
  isObject(value) && typeof value.key === 'string' && Array.isArray(value.findings);

export async function readFactCache(path: string): Promise<FactCache> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return { facts: new Map() }; // missing or corrupt: rebuilt by this audit
  }
  if (!isObject(parsed) || parsed.version !== auditCodeVersion() || !isObject(parsed.facts)) return { facts: new Map() };
  const facts = new Map(Object.entries(parsed.facts).filter((entry): entry is [string, FileFacts] => looksLikeFacts(entry[1])));
  return looksLikeMemo(parsed.duplication) ? { facts, duplication: parsed.duplication } : { facts };
}

/** Best effort: an audit that cannot write its cache (read-only tree, full disk) still reports its findings. */
export async function writeFactCache(path: string, cache: FactCache): Promise<boolean> {
  const file: CacheFile = {
    version: auditCodeVersion(),
    facts: Object.fromEntries(cache.facts),
    ...(cache.duplication ? { duplication: cache.duplication } : {}),
  };
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(file));
    return true;
  } catch {
    return false;
  }
}

// Proposal drafts reused while neither the findings nor any file read changed:
// drafting quotes and re-parses the code behind each finding, which would
// otherwise load the compiler on an audit that found nothing new.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../retrieval/files.js';
import { sha256 } from '../shared/hash.js';
import { factKey } from './facts/cache.js';
import { auditCodeVersion } from './facts/code-version.js';
import type { RankedDrafts } from './proposals.js';
import type { Finding, SourceFile } from './types.js';

interface Memo {
  key: string;
  ranked: RankedDrafts;
}

const isMemo = (value: unknown): value is Memo =>
  typeof value === 'object' &&
  value !== null &&
  'key' in value &&
  typeof value.key === 'string' &&
  'ranked' in value &&
  typeof value.ranked === 'object' &&
  value.ranked !== null &&
  'drafts' in value.ranked &&
  Array.isArray(value.ranked.drafts) &&
  'proposable' in value.ranked &&
  typeof value.ranked.proposable === 'number';

/**
 * Every draft, best first, as `rankedDrafts` returns them; from `cacheDir` when the same audit was drafted before.
 * Into `timings` (an audit's, see run.ts): `drafts`, this whole step; when it drafts, `draftsLoad`, loading the
 * drafting code (and the compiler, unless the audit already had), and `draftsParse`, the compiler's parse within it.
 */
export async function cachedDrafts(
  findings: readonly Finding[],
  files: readonly SourceFile[],
  cacheDir?: string,
  timings: Record<string, number> = {},
): Promise<RankedDrafts> {
  const started = performance.now();
  const ranked = await cachedOrDrafted(findings, files, cacheDir, timings);
  timings.drafts = Math.round(performance.now() - started);
  return ranked;
}

async function draft(findings: readonly Finding[], files: readonly SourceFile[], timings: Record<string, number>): Promise<RankedDrafts> {
  let started = performance.now();
  const [{ rankedDrafts }, { parsingMs }] = await Promise.all([import('./proposals.js'), import('./parse.js')]);
  timings.draftsLoad = Math.round(performance.now() - started);
  started = parsingMs();
  const ranked = rankedDrafts(findings, files);
  timings.draftsParse = Math.round(parsingMs() - started);
  return ranked;
}

async function cachedOrDrafted(
  findings: readonly Finding[],
  files: readonly SourceFile[],
  cacheDir: string | undefined,
  timings: Record<string, number>,
): Promise<RankedDrafts> {
  if (!cacheDir) return draft(findings, files, timings);
  const path = join(cacheDir, 'audit-proposals.json');
  const key = sha256(JSON.stringify([auditCodeVersion(), findings, files.map(factKey)]));
  const saved = await readFile(path, 'utf8')
    .then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    )
    .catch(() => undefined);
  if (isMemo(saved) && saved.key === key) return saved.ranked;
  const ranked = await draft(findings, files, timings);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify({ key, ranked } satisfies Memo));
  } catch {
    // best effort, like the facts cache
  }
  return ranked;
}

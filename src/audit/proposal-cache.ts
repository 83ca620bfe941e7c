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

async function draft(
  findings: readonly Finding[],
  files: readonly SourceFile[],
  timings: Record<string, number>,
  cacheDir: string | undefined,
): Promise<RankedDrafts> {
  let started = performance.now();
  const [{ rankedDrafts }, { parsingMs }, { wordsMemo, isWordsRecord }] = await Promise.all([
    import('./proposals.js'),
    import('./parse.js'),
    import('./words-memo.js'),
  ]);
  timings.draftsLoad = Math.round(performance.now() - started);
  const path = cacheDir ? join(cacheDir, 'audit-words.json') : undefined;
  const saved = path ? await readJson(path) : undefined;
  const memo = wordsMemo(isWordsRecord(saved) ? saved : {});
  started = parsingMs();
  const ranked = rankedDrafts(findings, files, memo.describe);
  timings.draftsParse = Math.round(parsingMs() - started);
  timings.draftsDescribed = memo.described();
  if (path) await saveBestEffort(path, memo.used);
  return ranked;
}

const readJson = (path: string): Promise<unknown> =>
  readFile(path, 'utf8')
    .then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    )
    .catch(() => undefined);

async function saveBestEffort(path: string, value: unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(value));
  } catch {
    // best effort, like the facts cache
  }
}

async function cachedOrDrafted(
  findings: readonly Finding[],
  files: readonly SourceFile[],
  cacheDir: string | undefined,
  timings: Record<string, number>,
): Promise<RankedDrafts> {
  if (!cacheDir) return draft(findings, files, timings, undefined);
  const path = join(cacheDir, 'audit-proposals.json');
  const key = sha256(JSON.stringify([auditCodeVersion(), findings, files.map(factKey)]));
  const saved = await readJson(path);
  if (isMemo(saved) && saved.key === key) return saved.ranked;
  const ranked = await draft(findings, files, timings, cacheDir);
  await saveBestEffort(path, { key, ranked } satisfies Memo);
  return ranked;
}

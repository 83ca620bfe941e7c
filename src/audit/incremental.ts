// The audit over read files with a facts cache: only files whose path or content
// changed are parsed, and the compiler is loaded (dynamic import) only when one
// is. Duplication compares the token streams of every file, cached with the
// facts; its result is also kept whole and reused while no code file and no
// duplication setting changed, which spares unpacking the streams.
import { duplicationOfTree } from './analyzers/duplication-findings.js';
import { FACT_PASSES } from './analyzers/passes.js';
import type { AuditConfig } from './config.js';
import { factKey, readFactCache, writeFactCache, type FactCache } from './facts/cache.js';
import type { FileFacts } from './facts/types.js';
import { sortFindings } from './fingerprint.js';
import { sha256 } from '../shared/hash.js';
import { isCodeFile } from './source-kinds.js';
import type { Finding, SourceFile } from './types.js';

export interface IncrementalAnalysis {
  findings: Finding[];
  /** Code files parsed by this run (the rest came from the cache). */
  extracted: number;
  /**
   * Time per phase, in ms: `compilerLoad` is the compiler's import, 0 when nothing had to be parsed; `extract` holds
   * `extractParse`, the compiler's parse of the changed files.
   */
  timings: Record<string, number>;
}

const elapsed = (since: number): number => Math.round(performance.now() - since);

/** Every enabled analyzer over `files`; `cachePath` is where the facts cache lives (none: everything is parsed). */
export async function analyzeIncrementally(
  files: readonly SourceFile[],
  config: AuditConfig,
  cachePath?: string,
): Promise<IncrementalAnalysis> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const cache: FactCache = cachePath ? await readFactCache(cachePath) : { facts: new Map() };
  const code = files.filter((f) => isCodeFile(f.path));
  const keys = new Map(code.map((f) => [f.path, factKey(f)] as const));
  timings.cacheRead = elapsed(started);
  const missing = code.filter((f) => !cache.facts.has(keys.get(f.path) as string));
  timings.compilerLoad = 0;
  if (missing.length > 0) {
    started = performance.now();
    const { extractFacts, parsingMs } = await import('./facts/extract.js');
    timings.compilerLoad = elapsed(started);
    started = performance.now();
    const parsedBefore = parsingMs();
    for (const file of missing) cache.facts.set(keys.get(file.path) as string, extractFacts(file));
    timings.extract = elapsed(started);
    timings.extractParse = Math.round(parsingMs() - parsedBefore);
  }
  const facts = new Map(code.map((f) => [f.path, cache.facts.get(keys.get(f.path) as string) as FileFacts] as const));
  const findings: Finding[] = [];
  for (const [name, pass] of Object.entries(FACT_PASSES)) {
    if (!pass.enabled(config)) continue;
    started = performance.now();
    findings.push(...pass.run({ files, facts }, config));
    timings[name] = elapsed(started);
  }
  const kept: FactCache = { facts: new Map([...keys.values()].map((key) => [key, cache.facts.get(key) as FileFacts] as const)) };
  if (config.duplication.enabled) {
    started = performance.now();
    const memoKey = sha256(JSON.stringify([config.duplication, [...keys.values()].sort()]));
    const reused = cache.duplication?.key === memoKey ? cache.duplication.findings : undefined;
    const duplicates = reused ?? duplicationOfTree({ files, facts }, config.duplication);
    kept.duplication = { key: memoKey, findings: duplicates };
    findings.push(...duplicates);
    timings.duplication = elapsed(started);
  }
  const unchanged = missing.length === 0 && kept.facts.size === cache.facts.size && kept.duplication?.key === cache.duplication?.key;
  if (cachePath && !unchanged) {
    started = performance.now();
    await writeFactCache(cachePath, kept);
    timings.cacheWrite = elapsed(started);
  }
  return { findings: sortFindings(findings), extracted: missing.length, timings };
}

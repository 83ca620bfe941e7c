/** The analyzers by name over already-read files, facts extracted on the spot (no cache): for tests, benches and callers in memory. */
import type { AuditConfig } from '../config.js';
import { treeOf } from '../facts/extract.js';
import type { AuditTree } from '../facts/types.js';
import { sortFindings } from '../fingerprint.js';
import { ANALYZERS, type AnalyzerName, type Finding, type SourceFile } from '../types.js';
import { duplicationOfTree } from './duplication-findings.js';
import { FACT_PASSES } from './passes.js';

export type AnalyzerRun = (files: readonly SourceFile[], config: AuditConfig) => Finding[];

const trees = new WeakMap<readonly SourceFile[], AuditTree>();

/** One extraction per list of files, shared by the analyzers run over it. */
function cachedTree(files: readonly SourceFile[]): AuditTree {
  let tree = trees.get(files);
  if (!tree) trees.set(files, (tree = treeOf(files)));
  return tree;
}

const viaFacts = (name: Exclude<AnalyzerName, 'duplication'>) => ({
  enabled: FACT_PASSES[name].enabled,
  run: (files: readonly SourceFile[], config: AuditConfig) => FACT_PASSES[name].run(cachedTree(files), config),
});

export const ANALYZER_RUNS: Record<AnalyzerName, { enabled: (config: AuditConfig) => boolean; run: AnalyzerRun }> = {
  duplication: { enabled: (c) => c.duplication.enabled, run: (files, c) => duplicationOfTree(cachedTree(files), c.duplication) },
  size: viaFacts('size'),
  complexity: viaFacts('complexity'),
  cycles: viaFacts('cycles'),
  untested: viaFacts('untested'),
  'unused-exports': viaFacts('unused-exports'),
  'any-density': viaFacts('any-density'),
  markers: viaFacts('markers'),
};

/** Every enabled analyzer over already-read files. */
export function analyzeSources(files: readonly SourceFile[], config: AuditConfig): Finding[] {
  const findings: Finding[] = [];
  for (const name of ANALYZERS) {
    const analyzer = ANALYZER_RUNS[name];
    if (analyzer.enabled(config)) findings.push(...analyzer.run(files, config));
  }
  return sortFindings(findings);
}

// The cross-file passes by name, each fed its own section of the audit config:
// every analyzer but duplication works from the files' facts alone, so this
// module (and the audit's warm path) never loads the TypeScript compiler.
import type { AuditConfig } from '../config.js';
import type { AuditTree } from '../facts/types.js';
import type { AnalyzerName, Finding } from '../types.js';
import { analyzeAnyDensity } from './any-density.js';
import { analyzeComplexity } from './complexity.js';
import { analyzeCycles } from './cycles.js';
import { analyzeMarkers } from './markers.js';
import { analyzeSize } from './size.js';
import { analyzeUntested } from './untested.js';
import { analyzeUnusedExports } from './unused-exports.js';

export type FactPass = (tree: AuditTree, config: AuditConfig) => Finding[];

export const FACT_PASSES: Record<Exclude<AnalyzerName, 'duplication'>, { enabled: (config: AuditConfig) => boolean; run: FactPass }> = {
  size: { enabled: (c) => c.size.enabled, run: (tree, c) => analyzeSize(tree, c.size) },
  complexity: { enabled: (c) => c.complexity.enabled, run: (tree, c) => analyzeComplexity(tree, c.complexity) },
  cycles: { enabled: (c) => c.cycles.enabled, run: (tree, c) => analyzeCycles(tree, c.cycles) },
  untested: { enabled: (c) => c.untested.enabled, run: (tree, c) => analyzeUntested(tree, c.untested) },
  'unused-exports': {
    enabled: (c) => c.unusedExports.enabled,
    run: (tree, c) => analyzeUnusedExports(tree, { ...c.unusedExports, tests: c.untested.tests }),
  },
  'any-density': { enabled: (c) => c.anyDensity.enabled, run: (tree, c) => analyzeAnyDensity(tree, c.anyDensity) },
  markers: { enabled: (c) => c.markers.enabled, run: (tree, c) => analyzeMarkers(tree, c.markers) },
};

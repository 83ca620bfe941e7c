/** The analyzers by name, each fed its own section of the audit config. */
import type { AuditConfig } from '../config.js';
import type { AnalyzerName, Finding, SourceFile } from '../types.js';
import { analyzeAnyDensity } from './any-density.js';
import { analyzeComplexity } from './complexity.js';
import { analyzeCycles } from './cycles.js';
import { analyzeDuplication } from './duplication.js';
import { analyzeMarkers } from './markers.js';
import { analyzeSize } from './size.js';
import { analyzeUntested } from './untested.js';
import { analyzeUnusedExports } from './unused-exports.js';

export type AnalyzerRun = (files: readonly SourceFile[], config: AuditConfig) => Finding[];

export const ANALYZER_RUNS: Record<AnalyzerName, { enabled: (config: AuditConfig) => boolean; run: AnalyzerRun }> = {
  duplication: { enabled: (c) => c.duplication.enabled, run: (files, c) => analyzeDuplication(files, c.duplication) },
  size: { enabled: (c) => c.size.enabled, run: (files, c) => analyzeSize(files, c.size) },
  complexity: { enabled: (c) => c.complexity.enabled, run: (files, c) => analyzeComplexity(files, c.complexity) },
  cycles: { enabled: (c) => c.cycles.enabled, run: (files, c) => analyzeCycles(files, c.cycles) },
  untested: { enabled: (c) => c.untested.enabled, run: (files, c) => analyzeUntested(files, c.untested) },
  'unused-exports': { enabled: (c) => c.unusedExports.enabled, run: (files, c) => analyzeUnusedExports(files, c.unusedExports) },
  'any-density': { enabled: (c) => c.anyDensity.enabled, run: (files, c) => analyzeAnyDensity(files, c.anyDensity) },
  markers: { enabled: (c) => c.markers.enabled, run: (files, c) => analyzeMarkers(files, c.markers) },
};

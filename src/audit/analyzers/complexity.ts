// Functions whose cognitive complexity (see cognitive.ts) is above the limit.
import type { AuditConfig } from '../config.js';
import type { AuditTree } from '../facts/types.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import type { Finding } from '../types.js';

export type ComplexityThresholds = Pick<AuditConfig['complexity'], 'max'>;

export function analyzeComplexity({ files, facts }: AuditTree, limits: ComplexityThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const fn of facts.get(file.path)?.functions ?? []) {
      const value = fn.cognitive;
      if (value <= limits.max) continue;
      findings.push({
        analyzer: 'complexity',
        path: file.path,
        startLine: fn.startLine,
        endLine: fn.endLine,
        symbol: fn.name,
        message: `function ${fn.name} has cognitive complexity ${value} (limit ${limits.max})`,
        severity: value > limits.max * 2 ? 'error' : 'warning',
        metric: { name: 'cognitive-complexity', value, limit: limits.max },
        fingerprint: fingerprintOf('complexity', file.path, fn.name),
      });
    }
  }
  return uniqueFingerprints(findings);
}

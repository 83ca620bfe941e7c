// Functions whose cognitive complexity (see cognitive.ts) is above the limit.
import type { AuditConfig } from '../config.js';
import { cognitiveScores } from '../cognitive.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import { listFunctions } from '../functions.js';
import { isCodeFile, parse } from '../parse.js';
import type { Finding, SourceFile } from '../types.js';

export type ComplexityThresholds = Pick<AuditConfig['complexity'], 'max'>;

export function analyzeComplexity(files: readonly SourceFile[], limits: ComplexityThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path)) continue;
    const scores = cognitiveScores(parse(file));
    for (const fn of listFunctions(file)) {
      const value = scores.get(fn.node) ?? 0;
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

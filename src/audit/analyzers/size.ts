/** Oversized files and functions: line counts above the configured limits. */
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import type { AuditTree } from '../facts/types.js';
import { isCodeFile, lineCount } from '../source-kinds.js';
import type { Finding, Severity } from '../types.js';

export type SizeThresholds = Pick<AuditConfig['size'], 'maxFileLines' | 'maxFunctionLines'>;

const severity = (value: number, limit: number): Severity => (value > limit * 2 ? 'error' : 'warning');

export function analyzeSize({ files, facts }: AuditTree, limits: SizeThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path)) continue; // package.json and tsconfig.json are read too, and are not code
    const lines = lineCount(file.content);
    if (lines > limits.maxFileLines) {
      findings.push({
        analyzer: 'size',
        path: file.path,
        startLine: 1,
        endLine: lines,
        message: `file has ${lines} lines (limit ${limits.maxFileLines}); split it by responsibility`,
        severity: severity(lines, limits.maxFileLines),
        metric: { name: 'file-lines', value: lines, limit: limits.maxFileLines },
        fingerprint: fingerprintOf('size', file.path, 'file'),
      });
    }
    for (const fn of facts.get(file.path)?.functions ?? []) {
      const length = fn.endLine - fn.startLine + 1;
      if (length <= limits.maxFunctionLines) continue;
      findings.push({
        analyzer: 'size',
        path: file.path,
        startLine: fn.startLine,
        endLine: fn.endLine,
        symbol: fn.name,
        message: `function ${fn.name} has ${length} lines (limit ${limits.maxFunctionLines})`,
        severity: severity(length, limits.maxFunctionLines),
        metric: { name: 'function-lines', value: length, limit: limits.maxFunctionLines },
        fingerprint: fingerprintOf('size', file.path, 'function', fn.name),
      });
    }
  }
  return uniqueFingerprints(findings);
}

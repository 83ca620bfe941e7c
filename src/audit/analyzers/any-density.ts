// `any` density: explicit `any` per 100 lines in TypeScript files. An `any`
// explained by a comment on its line or the line above is, by default, a
// decision someone wrote down and is not counted.
import type { AuditConfig } from '../config.js';
import type { AuditTree } from '../facts/types.js';
import { fingerprintOf } from '../fingerprint.js';
import { isTypeScriptFile, lineCount } from '../source-kinds.js';
import type { Finding } from '../types.js';

export type AnyDensityThresholds = Pick<AuditConfig['anyDensity'], 'maxPer100Lines' | 'minCount' | 'ignoreCommented'>;

export function analyzeAnyDensity({ files, facts }: AuditTree, limits: AnyDensityThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isTypeScriptFile(file.path)) continue;
    const lines = (facts.get(file.path)?.anys ?? []).filter((a) => !(limits.ignoreCommented && a.explained)).map((a) => a.line);
    const total = Math.max(1, lineCount(file.content));
    const density = (lines.length * 100) / total;
    if (lines.length < limits.minCount || density <= limits.maxPer100Lines) continue;
    const rounded = Math.round(density * 100) / 100;
    findings.push({
      analyzer: 'any-density',
      path: file.path,
      startLine: lines[0] ?? 1,
      endLine: lines[lines.length - 1] ?? 1,
      message: `${lines.length} explicit \`any\` in ${total} lines (${rounded} per 100 lines, limit ${limits.maxPer100Lines}); on lines ${lines.join(', ')}`,
      severity: density > limits.maxPer100Lines * 3 ? 'error' : 'warning',
      metric: { name: 'any-per-100-lines', value: rounded, limit: limits.maxPer100Lines },
      fingerprint: fingerprintOf('any-density', file.path),
    });
  }
  return findings;
}

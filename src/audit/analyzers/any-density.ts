// `any` density: explicit `any` per 100 lines in TypeScript files. An `any`
// explained by a comment on its line or the line above is, by default, a
// decision someone wrote down and is not counted.
import ts from 'typescript';
import type { AuditConfig } from '../config.js';
import { fingerprintOf } from '../fingerprint.js';
import { isTypeScriptFile, lineAt, lineCount, parse } from '../parse.js';
import type { Finding, SourceFile } from '../types.js';

export type AnyDensityThresholds = Pick<AuditConfig['anyDensity'], 'maxPer100Lines' | 'minCount' | 'ignoreCommented'>;

const hasComment = (line: string | undefined): boolean => line !== undefined && /\/\/|\/\*|^\s*\*/.test(line);

/** Lines (1-based) of the explicit `any` keywords in a file. */
export function anyLines(file: SourceFile, ignoreCommented: boolean): number[] {
  const sf = parse(file);
  const sourceLines = file.content.split('\n');
  const found: number[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const line = lineAt(sf, node.getStart(sf));
      const explained = hasComment(sourceLines[line - 1]) || hasComment(sourceLines[line - 2]);
      if (!(ignoreCommented && explained)) found.push(line);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function analyzeAnyDensity(files: readonly SourceFile[], limits: AnyDensityThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isTypeScriptFile(file.path)) continue;
    const lines = anyLines(file, limits.ignoreCommented);
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

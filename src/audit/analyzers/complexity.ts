// Cyclomatic complexity per function: 1 plus one for every branch (if, ?:,
// loops, case, catch, &&, ||, ??, and their assignment forms). Nested
// functions are measured on their own, not added to the function around them.
import ts from 'typescript';
import type { AuditConfig } from '../config.js';
import { fingerprintOf, uniqueFingerprints } from '../fingerprint.js';
import { isFunctionWithBody, listFunctions } from '../functions.js';
import { isCodeFile } from '../parse.js';
import type { Finding, SourceFile } from '../types.js';

export type ComplexityThresholds = Pick<AuditConfig['complexity'], 'max'>;

const BRANCH_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.CaseClause,
]);

const LOGICAL_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Cyclomatic complexity of one function's own body. */
export function cyclomaticComplexity(fn: ts.FunctionLikeDeclaration): number {
  let count = 1;
  const visit = (node: ts.Node): void => {
    if (node !== fn && isFunctionWithBody(node)) return;
    if (BRANCH_KINDS.has(node.kind)) count++;
    else if (ts.isBinaryExpression(node) && LOGICAL_OPERATORS.has(node.operatorToken.kind)) count++;
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return count;
}

export function analyzeComplexity(files: readonly SourceFile[], limits: ComplexityThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path)) continue;
    for (const fn of listFunctions(file)) {
      const value = cyclomaticComplexity(fn.node);
      if (value <= limits.max) continue;
      findings.push({
        analyzer: 'complexity',
        path: file.path,
        startLine: fn.startLine,
        endLine: fn.endLine,
        message: `function ${fn.name} has cyclomatic complexity ${value} (limit ${limits.max})`,
        severity: value > limits.max * 2 ? 'error' : 'warning',
        metric: { name: 'cyclomatic-complexity', value, limit: limits.max },
        fingerprint: fingerprintOf('complexity', file.path, fn.name),
      });
    }
  }
  return uniqueFingerprints(findings);
}

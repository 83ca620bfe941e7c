// Source modules that no test imports. A test reaching a module through a
// re-export (`export ... from`) in a barrel counts; reaching it only through
// another module's ordinary import does not. Modules with nothing to run
// (types, re-exports only) need no test of their own.
import ts from 'typescript';
import type { AuditConfig } from '../config.js';
import { fingerprintOf } from '../fingerprint.js';
import { globMatcher } from '../globs.js';
import { moduleGraph, type ModuleInfo } from '../imports.js';
import { isCodeFile, lineCount, parse } from '../parse.js';
import type { Finding, SourceFile } from '../types.js';

export type UntestedThresholds = Pick<AuditConfig['untested'], 'tests' | 'ignore'>;

export function analyzeUntested(files: readonly SourceFile[], config: UntestedThresholds): Finding[] {
  const isTest = globMatcher(config.tests);
  const isIgnored = globMatcher(config.ignore);
  const graph = moduleGraph(files);
  const tested = new Set<string>();
  for (const file of files) {
    if (isTest(file.path)) graph.get(file.path)?.imports.forEach((ref) => !ref.typeOnly && markTested(ref.target, graph, tested));
  }
  const findings: Finding[] = [];
  for (const file of files) {
    if (!isCodeFile(file.path) || isTest(file.path) || isIgnored(file.path) || tested.has(file.path)) continue;
    if (!hasRuntimeCode(file)) continue;
    findings.push({
      analyzer: 'untested',
      path: file.path,
      startLine: 1,
      endLine: Math.max(1, lineCount(file.content)),
      message: `no test imports ${file.path}`,
      severity: 'info',
      fingerprint: fingerprintOf('untested', file.path),
    });
  }
  return findings;
}

function markTested(path: string | null, graph: Map<string, ModuleInfo>, tested: Set<string>): void {
  if (path === null || tested.has(path)) return;
  tested.add(path);
  for (const ref of graph.get(path)?.imports ?? []) if (ref.reexport && !ref.typeOnly) markTested(ref.target, graph, tested);
}

/** False for modules that only declare types or pass on other modules' exports. */
function hasRuntimeCode(file: SourceFile): boolean {
  return parse(file).statements.some(
    (s) =>
      !ts.isImportDeclaration(s) &&
      !ts.isExportDeclaration(s) &&
      !ts.isInterfaceDeclaration(s) &&
      !ts.isTypeAliasDeclaration(s) &&
      !ts.isEmptyStatement(s) &&
      !(ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)),
  );
}
